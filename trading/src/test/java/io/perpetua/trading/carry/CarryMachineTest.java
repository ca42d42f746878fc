package io.perpetua.trading.carry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.algo.OrderGateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CarryMachineTest {
  private static final Instrument BTC =
      new Instrument(
          new InstrumentId("BTC", "USDT", "USDT"),
          new Price(10, 2),
          new Quantity(1, 3),
          Money.of(5));
  private static final long QTY = 100; // 0.100 BTC

  /** A leg's order path: records what was sent and cancelled. */
  static final class Gateway implements OrderGateway {
    final List<Order> sent = new ArrayList<>();
    final List<ClientOrderId> cancelled = new ArrayList<>();

    @Override
    public boolean submit(Order order) {
      sent.add(order);
      return true;
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      cancelled.add(clientOrderId);
    }

    @Override
    public long nowMillis() {
      return 0;
    }

    Order last() {
      return sent.get(sent.size() - 1);
    }
  }

  private Gateway spot;
  private Gateway perp;
  private List<CarryAlert> alerts;
  private Map<String, String> stored;
  private CarryMachine m;

  @BeforeEach
  void setUp() {
    spot = new Gateway();
    perp = new Gateway();
    alerts = new ArrayList<>();
    stored = new HashMap<>();
    m = machine(spot, perp);
  }

  private CarryMachine machine(Gateway s, Gateway p) {
    CarryMachine c =
        new CarryMachine("btc1", CarryLimits.spec(Money.of(10_000)), BTC, s, BTC, p, alerts::add);
    c.setStateSink(stored::putAll);
    c.onQuotes(px("50000"), px("50000.10"), px("50010"), px("50010.10"));
    c.onFundingRate(0.0001);
    return c;
  }

  private static Quantity q(long raw) {
    return new Quantity(raw, 3);
  }

  private static Price px(String price) {
    return Price.parse(price, 2);
  }

  private static Fill fill(Order o, long qty, long t) {
    return new Fill(
        new TradeId("t" + o.clientOrderId().value() + qty),
        o.clientOrderId(),
        o.instrument(),
        o.side(),
        new Quantity(qty, 3),
        o.limitPrice(),
        Money.ZERO,
        Liquidity.TAKER,
        t);
  }

  private void open() {
    m.start(q(QTY), 0);
    assertThat(m.state()).isEqualTo(CarryState.IDLE);
    assertThat(spot.sent).as("nothing before the confirmation").isEmpty();
    m.confirm(1);
    assertThat(m.state()).isEqualTo(CarryState.OPENING);
    m.onFill(fill(spot.last(), QTY, 2));
    m.onFill(fill(perp.last(), QTY, 3));
  }

  @Test
  void fullCycle_startConfirmHoldFundingCloseConfirm_returnsToIdle() {
    open();
    assertThat(m.state()).isEqualTo(CarryState.HOLDING);
    assertThat(spot.sent.get(0).clientOrderId().value()).isEqualTo("carry-btc1-1-o-spot-1");
    assertThat(spot.sent.get(0).side()).isEqualTo(OrderSide.BUY);
    assertThat(perp.sent.get(0).side()).isEqualTo(OrderSide.SELL);
    // limits at most 0.10 % through the quote
    assertThat(spot.sent.get(0).limitPrice().toDouble()).isLessThanOrEqualTo(50_000.10 * 1.001);
    assertThat(perp.sent.get(0).limitPrice().toDouble()).isGreaterThanOrEqualTo(50_010 * 0.999);
    assertThat(m.hedgeDeviation()).isZero();
    m.onFundingSettled(0.0001, px("50000"), 8);
    assertThat(m.fundingIncome())
        .singleElement()
        .satisfies(f -> assertThat(f.amount()).isEqualTo(Money.parse("0.5")));
    m.close(9);
    assertThat(m.state()).as("close waits for the confirmation").isEqualTo(CarryState.HOLDING);
    m.confirm(10);
    assertThat(m.state()).isEqualTo(CarryState.CLOSING);
    assertThat(spot.last().side()).isEqualTo(OrderSide.SELL);
    assertThat(perp.last().side()).isEqualTo(OrderSide.BUY);
    m.onFill(fill(spot.last(), QTY, 11));
    m.onFill(fill(perp.last(), QTY, 12));
    assertThat(m.state()).isEqualTo(CarryState.IDLE);
    assertThat(m.spotPosition().raw()).isZero();
    assertThat(m.perpPosition().raw()).isZero();
  }

  @Test
  void noEntry_whileFundingIsNegative_overTheNotionalLimit_orWithClockDrift() {
    m.onFundingRate(-0.0001);
    assertThatThrownBy(() -> m.start(q(QTY), 0)).hasMessageContaining("funding is negative");
    m.onFundingRate(0.0001);
    assertThatThrownBy(() -> m.start(q(1_000), 0)).hasMessageContaining("hard limit");
    m.onClockDrift(1_500);
    assertThatThrownBy(() -> m.start(q(QTY), 0)).hasMessageContaining("clock drift");
    m.onClockDrift(200);
    m.start(q(QTY), 0);
    m.onClockDrift(-1_001);
    assertThatThrownBy(() -> m.confirm(1)).hasMessageContaining("clock drift");
    assertThat(spot.sent).isEmpty();
  }

  @RepeatedTest(3)
  void oneLegRejected_whileOpening_isCompensated_thenIdleWithAlert() {
    m.start(q(QTY), 0);
    m.confirm(1);
    m.onFill(fill(spot.last(), QTY, 2));
    m.onRejected(perp.last().clientOrderId(), "insufficient margin", 3);
    assertThat(m.state()).isEqualTo(CarryState.OPENING);
    Order unwind = spot.last();
    assertThat(unwind.clientOrderId().value()).isEqualTo("carry-btc1-1-x-spot-1");
    assertThat(unwind.side()).isEqualTo(OrderSide.SELL);
    assertThat(unwind.quantity().raw()).isEqualTo(QTY);
    assertThat(perp.sent).as("nothing filled on the perp: nothing to unwind").hasSize(1);
    m.onFill(fill(unwind, QTY, 4));
    assertThat(m.state()).isEqualTo(CarryState.IDLE);
    assertThat(m.spotPosition().raw()).isZero();
    assertThat(alerts).extracting(CarryAlert::kind).contains("leg_failed", "compensated");
  }

  @RepeatedTest(3)
  void lateFillOfTheCancelledOpeningLeg_isUnwoundToo() {
    m.start(q(QTY), 0);
    m.confirm(1);
    Order perpOpen = perp.last();
    m.onRejected(spot.last().clientOrderId(), "insufficient balance", 2);
    assertThat(perp.cancelled).containsExactly(perpOpen.clientOrderId());
    assertThat(m.state()).as("nothing had filled: nothing to unwind").isEqualTo(CarryState.IDLE);
    m.onFill(fill(perpOpen, QTY, 3)); // it had filled before the cancel arrived
    assertThat(m.perpPosition().raw()).isEqualTo(-QTY);
    assertThat(m.state()).isEqualTo(CarryState.OPENING);
    Order unwind = perp.last();
    assertThat(unwind.clientOrderId().value()).isEqualTo("carry-btc1-1-x-perp-1");
    assertThat(unwind.side()).isEqualTo(OrderSide.BUY);
    m.onFill(fill(unwind, QTY, 4));
    assertThat(m.state()).isEqualTo(CarryState.IDLE);
    assertThat(m.perpPosition().raw()).isZero();
    assertThat(alerts).extracting(CarryAlert::kind).contains("late_fill");
  }

  @RepeatedTest(3)
  void compensationRejected_halts_andReportsTheNakedLeg() {
    m.start(q(QTY), 0);
    m.confirm(1);
    m.onFill(fill(spot.last(), QTY, 2));
    m.onRejected(perp.last().clientOrderId(), "rejected", 3);
    m.onRejected(spot.last().clientOrderId(), "rejected", 4);
    assertThat(m.state()).isEqualTo(CarryState.HALTED);
    assertThat(alerts.get(alerts.size() - 1).severity()).isEqualTo("CRITICAL");
    assertThat(alerts.get(alerts.size() - 1).message()).contains("spot 0.100");
  }

  @RepeatedTest(3)
  void fiveConsecutiveApiFailures_halt_butFourThenSuccessDoNot() {
    open();
    for (int i = 0; i < 4; i++) {
      m.onApiResult(false, 10 + i);
    }
    m.onApiResult(true, 20);
    for (int i = 0; i < 4; i++) {
      m.onApiResult(false, 30 + i);
    }
    assertThat(m.state()).isEqualTo(CarryState.HOLDING);
    m.onApiResult(false, 40);
    assertThat(m.state()).isEqualTo(CarryState.HALTED);
  }

  @RepeatedTest(3)
  void marginDanger_haltsWithAlert_andNeverClosesAutomatically() {
    open();
    int spotOrders = spot.sent.size();
    int perpOrders = perp.sent.size();
    m.onMarginRatio(1.30, 10);
    assertThat(m.state()).isEqualTo(CarryState.HOLDING);
    assertThat(alerts).extracting(CarryAlert::kind).contains("margin_warn");
    m.onMarginRatio(1.25, 11);
    assertThat(m.state()).isEqualTo(CarryState.HALTED);
    assertThat(alerts).extracting(CarryAlert::kind).contains("margin_danger");
    m.onTimer(100_000);
    assertThat(spot.sent).hasSize(spotOrders);
    assertThat(perp.sent).as("no automatic close").hasSize(perpOrders);
    assertThat(m.spotPosition().raw()).isEqualTo(QTY);
    assertThatThrownBy(() -> m.close(12)).isInstanceOf(IllegalStateException.class);
    m.resetHalted(13);
    assertThat(m.state()).isEqualTo(CarryState.IDLE);
  }

  @Test
  void workingLeg_isReorderedAfter8s_andHaltsAfter30s() {
    m.start(q(QTY), 0);
    m.confirm(0);
    m.onFill(fill(spot.last(), QTY, 1));
    Order first = perp.last();
    m.onTimer(7_999);
    assertThat(perp.cancelled).isEmpty();
    m.onTimer(8_000);
    assertThat(perp.cancelled).containsExactly(first.clientOrderId());
    m.onFill(fill(first, 40, 8_100)); // partly filled before the cancel took effect
    m.onCancelled(first.clientOrderId(), 8_200);
    Order second = perp.last();
    assertThat(second.clientOrderId().value()).isEqualTo("carry-btc1-1-o-perp-2");
    assertThat(second.quantity().raw()).isEqualTo(QTY - 40);
    m.onTimer(29_999);
    assertThat(m.state()).isEqualTo(CarryState.OPENING);
    m.onTimer(30_000);
    assertThat(m.state()).isEqualTo(CarryState.HALTED);
    assertThat(perp.cancelled).contains(second.clientOrderId());
  }

  @Test
  void dryRun_fillsAtTheQuoteWithinTheLimit_restsBeyond_andReordersLikeRealMode() {
    Price[] ask = {px("50000.10")};
    CarryDryRun dSpot =
        new CarryDryRun("spot", s -> s == OrderSide.BUY ? ask[0] : px("49999.90"), 0.001, () -> 0);
    CarryDryRun dPerp =
        new CarryDryRun(
            "perp", s -> s == OrderSide.BUY ? px("50010.10") : px("50010"), 0.0005, () -> 0);
    CarryMachine dry =
        new CarryMachine(
            "d1", CarryLimits.spec(Money.of(10_000)), BTC, dSpot, BTC, dPerp, alerts::add);
    dSpot.attach(dry);
    dPerp.attach(dry);
    dry.onQuotes(px("50000"), px("50000.10"), px("50010"), px("50010.10"));
    dry.onFundingRate(0.0001);
    ask[0] = px("50200"); // the spot ask ran away beyond the 0.10 % limit: no fill
    dry.start(q(QTY), 0);
    dry.confirm(0);
    assertThat(dry.state()).isEqualTo(CarryState.OPENING);
    assertThat(dry.ledger())
        .singleElement()
        .satisfies(l -> assertThat(l.clientOrderId()).contains("perp"));
    ask[0] = px("50000.10");
    dry.onQuotes(px("50000"), px("50000.10"), px("50010"), px("50010.10"));
    dry.onTimer(8_000); // re-order: cancel, then the remainder again at the new quote
    assertThat(dry.state()).isEqualTo(CarryState.HOLDING);
    assertThat(dry.ledger())
        .extracting(CarryLedger::clientOrderId)
        .containsExactly("carry-d1-1-o-perp-1", "carry-d1-1-o-spot-2");
    assertThat(dry.ledger().get(1).price()).isEqualTo(px("50000.10"));
    assertThat(dry.ledger().get(1).fee())
        .as("0.1 × 50000.10 × 0.001")
        .isEqualTo(Money.parse("5.00001"));
  }

  @Test
  void hedgeDeviationAboveOnePercent_whileHolding_halts() {
    open();
    m.onPositions(q(QTY), q(-QTY + 1), 10); // 1 %
    assertThat(m.state()).isEqualTo(CarryState.HOLDING);
    m.onPositions(q(QTY), q(-QTY + 2), 11); // 2 %
    assertThat(m.state()).isEqualTo(CarryState.HALTED);
  }

  @RepeatedTest(3)
  void crashInOpening_restartReconciles_withoutDuplicateOrders() {
    m.start(q(QTY), 0);
    m.confirm(1);
    m.onFill(fill(spot.last(), QTY, 2));
    Order perpOrder = perp.last();
    // SIGKILL: a new process restores the stored state and asks the venues
    Gateway spot2 = new Gateway();
    Gateway perp2 = new Gateway();
    CarryMachine restarted = machine(spot2, perp2);
    restarted.restoreState(Map.copyOf(stored));
    assertThat(restarted.state()).isEqualTo(CarryState.OPENING);
    restarted.reconcile(q(QTY), q(0), Set.of(perpOrder.clientOrderId()), 100);
    assertThat(spot2.sent).as("spot leg filled: not sent again").isEmpty();
    assertThat(perp2.sent).as("perp order still open: waited for").isEmpty();
    restarted.onFill(fill(perpOrder, QTY, 101));
    assertThat(restarted.state()).isEqualTo(CarryState.HOLDING);
  }

  @RepeatedTest(3)
  void crashInClosing_withALegOrderGone_resendsItOnceUnderTheNextId() {
    open();
    m.close(10);
    m.confirm(11);
    m.onFill(fill(perp.last(), QTY, 12));
    Order spotClose = spot.last();
    Gateway spot2 = new Gateway();
    Gateway perp2 = new Gateway();
    CarryMachine restarted = machine(spot2, perp2);
    restarted.restoreState(Map.copyOf(stored));
    assertThat(restarted.state()).isEqualTo(CarryState.CLOSING);
    // the venue filled 30 of the spot close before it expired; the order is gone
    restarted.reconcile(q(QTY - 30), q(0), Set.of(), 200);
    assertThat(perp2.sent).isEmpty();
    assertThat(spot2.sent)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.clientOrderId()).isNotEqualTo(spotClose.clientOrderId());
              assertThat(o.clientOrderId().value()).isEqualTo("carry-btc1-1-c-spot-2");
              assertThat(o.quantity().raw()).isEqualTo(QTY - 30);
            });
    restarted.onFill(fill(spot2.last(), QTY - 30, 201));
    assertThat(restarted.state()).isEqualTo(CarryState.IDLE);
  }

  @Test
  void notionalExactlyAtTheHardLimit_isAccepted_oneStepMoreIsNot() {
    // 0.007 × 33333 = 233.331 exactly; in doubles it was 233.33100000000002 and refused
    CarryMachine c =
        new CarryMachine(
            "n1", CarryLimits.spec(Money.parse("233.331")), BTC, spot, BTC, perp, alerts::add);
    c.onQuotes(px("33332.90"), px("33333"), px("33332.90"), px("33333"));
    c.onFundingRate(0.0001);
    assertThatThrownBy(() -> c.start(q(8), 0)).hasMessageContaining("hard limit");
    c.start(q(7), 0);
    c.confirm(1);
    assertThat(c.state()).isEqualTo(CarryState.OPENING);
  }

  @Test
  void legLimits_areTheQuoteMovedByTheSlippage_roundedInwardsToTheTick_exactly() {
    m.start(q(QTY), 0);
    m.confirm(1);
    // buy: 50000.10 × 1.001 = 50050.1001 → down to the tick; sell: 50010 × 0.999 = 49959.99 → up
    assertThat(spot.last().limitPrice()).isEqualTo(px("50050.10"));
    assertThat(perp.last().limitPrice()).isEqualTo(px("49960.00"));
    assertThat(spot.last().quantity()).isEqualTo(q(QTY));
  }

  @Test
  void fundingIncome_isFixedPoint_rateTimesShortTimesMark() {
    open();
    m.onFundingSettled(0.000123, px("50000.30"), 8);
    // 0.000123 × 0.100 × 50000.30 = 0.6150036900 → 0.61500369
    assertThat(m.fundingIncome().get(0).amount()).isEqualTo(Money.parse("0.61500369"));
    assertThat(m.ledger().get(m.ledger().size() - 1).funding())
        .isEqualTo(Money.parse("0.61500369"));
  }
}
