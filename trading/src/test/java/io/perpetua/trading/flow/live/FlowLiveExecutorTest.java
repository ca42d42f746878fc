package io.perpetua.trading.flow.live;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.BTC_FILTERS;
import static io.perpetua.trading.testing.FlowFixtures.POSITION;
import static io.perpetua.trading.testing.FlowFixtures.STRATEGY;
import static io.perpetua.trading.testing.FlowFixtures.T0;
import static io.perpetua.trading.testing.FlowFixtures.liveRisk;
import static io.perpetua.trading.testing.FlowFixtures.position;
import static io.perpetua.trading.testing.FlowFixtures.risk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskLimits;
import io.perpetua.trading.testing.FlowFixtures;
import io.perpetua.trading.testing.ScriptedVenue;
import io.perpetua.trading.testing.ScriptedVenueAccount;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live executor against a scripted in-memory venue: which orders a paper position's entry, TP1
 * and close become (kinds, flags, quantities, ids), that repeated decisions and re-deriving
 * processes send nothing twice, that the risk guard's rejections and the venue's minimums are
 * recorded and nothing is sent, that exits wait for a resting maker-first entry, and that a failed
 * exit is retried at the next probe and given up after its last attempt.
 */
class FlowLiveExecutorTest {
  private final List<FlowLiveExecutor> executors = new ArrayList<>();

  @AfterEach
  void close() {
    executors.forEach(FlowLiveExecutor::close);
  }

  private FlowLiveExecutor executor(FlowLiveVenue ports, RiskEngine risk, RiskEngine operator) {
    FlowLiveExecutor e =
        new FlowLiveExecutor(
            ports,
            Map.of(BTC, BTC_FILTERS),
            risk,
            operator == null ? null : operator.operatorControls(),
            new FlowLiveSettings(10_000, 60_000, 3));
    executors.add(e);
    e.onPrice(BTC, 9_700, T0);
    return e;
  }

  private static ClosedFlowTrade closed(
      String id, FlowDirection direction, double quantity, double exit) {
    return FlowFixtures.closed(id, direction, quantity, FlowTradeStatus.TP, exit);
  }

  private static void idle(FlowLiveExecutor e) throws InterruptedException {
    assertThat(e.awaitIdle(5_000)).as("executor idle").isTrue();
  }

  @Test
  void entryTp1AndClose_becomeAMarketEntryThenReduceOnlyMarketsWithDeterministicIds()
      throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    FlowLiveExecutor e = executor(FlowLiveVenue.of(venue), liveRisk(), null);

    e.onPositionOpened(position(POSITION, FlowDirection.LONG, 1.2345, 1.2345, Double.NaN));
    idle(e);
    venue.price(9_705.5);
    e.onPrice(BTC, 9_705.5, T0 + 20_000);
    e.onPositionUpdated(position(POSITION, FlowDirection.LONG, 1.2345, 0.61725, 9_705));
    idle(e);
    venue.price(9_709);
    e.onPrice(BTC, 9_709, T0 + 60_000);
    e.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1.2345, 9_710));
    idle(e);

    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(3);
    Order entry = sent.get(0);
    Order tp1 = sent.get(1);
    Order exit = sent.get(2);
    assertThat(entry.clientOrderId()).isEqualTo(ClientOrderIds.derive(STRATEGY, POSITION, "entry"));
    assertThat(tp1.clientOrderId()).isEqualTo(ClientOrderIds.derive(STRATEGY, POSITION, "tp1"));
    assertThat(exit.clientOrderId()).isEqualTo(ClientOrderIds.derive(STRATEGY, POSITION, "exit"));
    assertThat(sent).allMatch(o -> o.type() == OrderType.MARKET && o.strategy().equals(STRATEGY));
    assertThat(entry.side()).isEqualTo(OrderSide.BUY);
    assertThat(entry.reduceOnly()).isFalse();
    assertThat(entry.quantity()).isEqualTo(Quantity.parse("1.234", 3)); // toward 0 to the step
    assertThat(tp1.side()).isEqualTo(OrderSide.SELL);
    assertThat(tp1.reduceOnly()).isTrue();
    assertThat(tp1.quantity()).isEqualTo(Quantity.parse("0.617", 3)); // half of what filled
    assertThat(exit.side()).isEqualTo(OrderSide.SELL);
    assertThat(exit.reduceOnly()).isTrue();
    assertThat(exit.quantity()).isEqualTo(Quantity.parse("0.617", 3)); // the rest
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");

    List<FlowLiveOrder> orders = e.orders(null, null, null);
    assertThat(orders)
        .extracting(FlowLiveOrder::leg)
        .containsExactly(FlowLiveLeg.EXIT, FlowLiveLeg.TP1, FlowLiveLeg.ENTRY); // newest first
    assertThat(orders).allMatch(o -> o.status() == FlowLiveOrderStatus.FILLED);
    assertThat(orders).allMatch(o -> o.positionId().equals(POSITION) && !o.postOnly());
    FlowLiveOrder tp1View = orders.get(1);
    assertThat(tp1View.paperPrice()).isEqualTo(9_705);
    assertThat(tp1View.averageFillPrice()).isEqualTo(9_705.5);
    assertThat(tp1View.slippageBps()).isCloseTo(-0.5 / 9_705 * 1e4, within(1e-9)); // a better sell

    FlowLivePosition p = e.positions().get(0);
    assertThat(p.quantity()).isZero();
    assertThat(p.averageEntry()).isNaN();
    double realized = 0.617 * 5.5 + 0.617 * 9;
    assertThat(p.realizedPnl()).isCloseTo(realized, within(1e-6));
    assertThat(p.fees())
        .isCloseTo(0.0005 * (1.234 * 9_700 + 0.617 * (9_705.5 + 9_709)), within(1e-6));
    assertThat(p.orders()).isEqualTo(3);
    assertThat(p.fills()).isEqualTo(3);
    assertThat(p.makerShare()).isZero();
    FlowLiveKpis k = e.kpis();
    assertThat(k.ordersSent()).isEqualTo(3);
    assertThat(k.filled()).isEqualTo(3);
    assertThat(k.equity()).isCloseTo(10_000 + realized - p.fees(), within(1e-6));
    assertThat(e.netPositions().get(BTC)).isEqualByComparingTo("0");
  }

  @Test
  void aRepeatedDecisionIsIgnored_andARestartedProcessMeetsTheVenuesDuplicateRefusal()
      throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    FlowLiveExecutor first = executor(FlowLiveVenue.of(venue), liveRisk(), null);
    PositionSnapshot opened = position(POSITION, FlowDirection.SHORT, 0.5, 0.5, Double.NaN);
    first.onPositionOpened(opened);
    first.onPositionOpened(opened); // the engine replayed the same decision
    idle(first);
    assertThat(venue.accepted()).hasSize(1);
    assertThat(first.kpis().duplicatesIgnored()).isEqualTo(1);
    assertThat(first.orders(null, null, null)).hasSize(1);

    // a new process re-derives the same decision: same id, the venue refuses it, nothing doubles
    FlowLiveExecutor second = executor(FlowLiveVenue.of(venue), liveRisk(), null);
    second.onPositionOpened(opened);
    idle(second);
    assertThat(venue.accepted()).hasSize(1);
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("-0.5");
    FlowLiveOrder refused = second.orders(null, null, null).get(0);
    assertThat(refused.clientOrderId()).isEqualTo(venue.accepted().get(0).clientOrderId().value());
    assertThat(refused.status()).isEqualTo(FlowLiveOrderStatus.REJECTED);
    assertThat(refused.reason()).contains("duplicate");
    // decisions about positions a process never entered send nothing
    second.onTradeClosed(closed("factory-1:BTCUSDT:1", FlowDirection.LONG, 1, 9_700));
    idle(second);
    assertThat(second.kpis().unmirrored()).isEqualTo(1);
    assertThat(venue.accepted()).hasSize(1);
  }

  @Test
  void riskRejections_blacklistDryRunAndEmergencyStop_areRecordedAndNothingIsSent()
      throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    FlowLiveExecutor blacklisted =
        executor(
            FlowLiveVenue.of(venue),
            risk(RiskLimits.unlimited().withDryRun(false).withBlacklist(Set.of(BTC))),
            null);
    blacklisted.onPositionOpened(position(POSITION, FlowDirection.LONG, 1, 1, Double.NaN));
    blacklisted.onPositionUpdated(position(POSITION, FlowDirection.LONG, 1, 0.5, 9_705));
    blacklisted.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1, 9_710));
    idle(blacklisted);
    FlowLiveOrder entry = blacklisted.orders(null, null, null).get(0);
    assertThat(entry.status()).isEqualTo(FlowLiveOrderStatus.RISK_REJECTED);
    assertThat(entry.reason()).startsWith("blacklist:");
    assertThat(blacklisted.orders(null, null, null)).hasSize(1); // nothing to close
    assertThat(blacklisted.kpis().riskRejected()).isEqualTo(1);
    assertThat(blacklisted.kpis().ordersSent()).isZero();

    FlowLiveExecutor dryRun =
        executor(FlowLiveVenue.of(venue), risk(RiskLimits.unlimited()), null); // dry run on
    dryRun.onPositionOpened(position("p-dry", FlowDirection.LONG, 1, 1, Double.NaN));
    idle(dryRun);
    assertThat(dryRun.orders(null, null, null).get(0).reason()).startsWith("dry_run:");

    RiskEngine platform = liveRisk();
    FlowLiveExecutor e = executor(FlowLiveVenue.of(venue), liveRisk(), platform);
    platform.emergencyStop("drill", "ops");
    e.onPositionOpened(position("p-stopped", FlowDirection.LONG, 1, 1, Double.NaN));
    idle(e);
    assertThat(e.orders(null, null, null).get(0).reason()).startsWith("emergency_stop:");
    assertThat(venue.accepted()).isEmpty();
  }

  @Test
  void anEntryBelowTheVenuesMinimum_isSkippedWithItsReason() throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    FlowLiveExecutor e = executor(FlowLiveVenue.of(venue), liveRisk(), null);
    e.onPositionOpened(position("p-dust", FlowDirection.LONG, 0.0009, 0.0009, Double.NaN));
    e.onPositionOpened(position("p-small", FlowDirection.SHORT, 0.0103, 0.0103, Double.NaN));
    e.onTradeClosed(closed("p-small", FlowDirection.SHORT, 0.0103, 9_690));
    idle(e);
    assertThat(venue.accepted()).isEmpty();
    List<FlowLiveOrder> orders = e.orders(null, null, null);
    assertThat(orders).allMatch(o -> o.status() == FlowLiveOrderStatus.SKIPPED);
    assertThat(orders.get(1).reason()).contains("rounds to 0.000");
    assertThat(orders.get(0).reason()).contains("rounds to 0.010").contains("(min ");
    assertThat(e.kpis().skipped()).isEqualTo(2);
  }

  @Test
  void makerFirst_entryRestsPostOnly_andACloseCancelsItThenClosesWhatFilled() throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    MakerFirstVenue makerFirst =
        new MakerFirstVenue(
            venue,
            Map.of(BTC, BTC_FILTERS),
            id -> 9_700,
            new MakerFirstSettings(true, 1, 60_000, 10));
    try {
      FlowLiveExecutor e =
          executor(new FlowLiveVenue(venue, makerFirst, null, null), liveRisk(), null);
      e.onPositionOpened(position(POSITION, FlowDirection.LONG, 1, 1, Double.NaN));
      idle(e);
      Order limit = venue.accepted().get(0);
      assertThat(limit.type()).isEqualTo(OrderType.LIMIT);
      assertThat(limit.limitPrice()).isEqualTo(Price.parse("9699.9", 1)); // one tick below
      assertThat(limit.clientOrderId())
          .isEqualTo(ClientOrderIds.derive(STRATEGY, POSITION, "entry"));
      venue.trade(9_699.9, 0.4); // 0.4 of 1 fills as maker
      e.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1, 9_698));
      idle(e);

      assertThat(venue.cancels()).containsExactly(limit.clientOrderId());
      List<Order> sent = venue.accepted();
      assertThat(sent).hasSize(2);
      Order exit = sent.get(1);
      assertThat(exit.type()).isEqualTo(OrderType.MARKET);
      assertThat(exit.reduceOnly()).isTrue();
      assertThat(exit.quantity()).isEqualTo(Quantity.parse("0.400", 3));
      assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
      FlowLiveOrder entry = e.orders(null, null, null).get(1);
      assertThat(entry.postOnly()).isTrue();
      assertThat(entry.status()).isEqualTo(FlowLiveOrderStatus.CANCELLED);
      assertThat(entry.reason()).contains("paper trade closed");
      assertThat(entry.makerQuantity()).isEqualTo(0.4);
      assertThat(entry.fallbackClientOrderId())
          .isEqualTo(ClientOrderIds.derive(STRATEGY, limit.clientOrderId().value(), "mkt").value());
      FlowLiveKpis k = e.kpis();
      assertThat(k.entryMakerShare()).isEqualTo(1.0);
      assertThat(k.makerFirst().entries()).isEqualTo(1);
      assertThat(k.makerFirst().fallbacks()).isZero();
    } finally {
      makerFirst.close();
    }
  }

  @Test
  void aFailedExit_isRetriedAtTheNextProbe_underTheNextAttemptsId() throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    FlowLiveExecutor e = executor(FlowLiveVenue.of(venue), liveRisk(), null);
    e.onPositionOpened(position(POSITION, FlowDirection.LONG, 1, 1, Double.NaN));
    idle(e);
    venue.down(true);
    e.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1, 9_710));
    idle(e);
    FlowLiveOrder failed = e.orders(null, null, FlowLiveOrderStatus.REJECTED).get(0);
    assertThat(failed.leg()).isEqualTo(FlowLiveLeg.EXIT);
    assertThat(failed.reason()).contains("unreachable");
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("1");

    venue.down(false);
    e.probeNow();
    idle(e);
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    FlowLiveOrder retried = e.orders(null, null, null).get(0);
    assertThat(retried.clientOrderId())
        .isEqualTo(ClientOrderIds.derive(STRATEGY, POSITION, "exit-2").value());
    assertThat(retried.attempt()).isEqualTo(2);
    assertThat(retried.status()).isEqualTo(FlowLiveOrderStatus.FILLED);

    // a venue that stays down: three attempts, then the leg is given up and counted
    e.onPositionOpened(position("p-2", FlowDirection.LONG, 1, 1, Double.NaN));
    idle(e);
    venue.down(true);
    e.onTradeClosed(closed("p-2", FlowDirection.LONG, 1, 9_710));
    for (int i = 0; i < 4; i++) {
      idle(e);
      e.probeNow();
    }
    idle(e);
    assertThat(e.orders(null, null, FlowLiveOrderStatus.REJECTED)).hasSize(1 + 3);
    assertThat(e.kpis().exitsGivenUp()).isEqualTo(1);
  }

  @Test
  void probe_unreachableVenueBlocksNewEntries_andPositionsAreComparedWithTheVenues()
      throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    ScriptedVenueAccount account = new ScriptedVenueAccount(venue, BTC);
    RiskEngine guarded =
        risk(
            RiskLimits.unlimited().withDryRun(false),
            new CircuitBreakers(0, 0, 0, false, 0, 0, 30_000, 0, 0, 0, 0));
    FlowLiveExecutor e = executor(new FlowLiveVenue(venue, null, account, null), guarded, null);
    e.onPositionOpened(position(POSITION, FlowDirection.LONG, 1, 1, Double.NaN));
    idle(e);
    e.probeNow();
    idle(e);
    FlowLiveKpis k = e.kpis();
    assertThat(k.venueReachable()).isTrue();
    assertThat(k.mismatchedProbes()).isZero();
    assertThat(k.probes()).isEqualTo(1);

    venue.setPosition("BTCUSDT", new BigDecimal("1.5")); // changed behind the executor's back
    e.probeNow();
    idle(e);
    assertThat(e.kpis().mismatchedProbes()).isEqualTo(1);
    assertThat(e.kpis().lastMismatch()).contains("BTCUSDT: fills 1", "venue 1.5");
    venue.setPosition("BTCUSDT", BigDecimal.ONE);

    account.down(true);
    e.probeNow();
    idle(e);
    assertThat(e.kpis().venueReachable()).isFalse();
    assertThat(e.kpis().venueError()).contains("503");
    e.onPrice(BTC, 9_700, T0 + 31_000); // 31 s of event time later
    e.onPositionOpened(position("p-late", FlowDirection.LONG, 1, 1, Double.NaN));
    idle(e);
    FlowLiveOrder refused = e.orders(null, null, null).get(0);
    assertThat(refused.status()).isEqualTo(FlowLiveOrderStatus.RISK_REJECTED);
    assertThat(refused.reason()).startsWith("venue_unreachable:");
    assertThat(venue.accepted()).hasSize(1);
  }
}
