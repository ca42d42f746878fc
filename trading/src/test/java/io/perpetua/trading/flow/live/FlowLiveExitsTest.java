package io.perpetua.trading.flow.live;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.BTC_FILTERS;
import static io.perpetua.trading.testing.FlowFixtures.POSITION;
import static io.perpetua.trading.testing.FlowFixtures.STRATEGY;
import static io.perpetua.trading.testing.FlowFixtures.T0;
import static io.perpetua.trading.testing.FlowFixtures.closed;
import static io.perpetua.trading.testing.FlowFixtures.liveRisk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.ClientOrderId;
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
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.testing.FlowFixtures;
import io.perpetua.trading.testing.ManualTimer;
import io.perpetua.trading.testing.ScriptedVenue;
import io.perpetua.trading.testing.ScriptedVenueAccount;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exits of the §4.1 state machine on the live executor, against a scripted venue and a manual
 * timer (deterministic {@code tp_timeout_ms} / {@code timeout_grace_ms}): pre-placed post-only
 * reduce-only TP limits sized from the entry's fills, the cancel→market step after the TP timeout
 * for exactly what is left, stops, flips and the timeout exit, idempotence under repeated decisions
 * and duplicated venue answers, and the exit KPIs.
 */
class FlowLiveExitsTest {
  private static final long TP_TIMEOUT = 2_000;
  private static final long GRACE = 3_000;

  private final ScriptedVenue venue = new ScriptedVenue(9_700);
  private final ManualTimer timer = new ManualTimer();
  private final MakerFirstVenue makerFirst =
      new MakerFirstVenue(
          venue,
          Map.of(BTC, BTC_FILTERS),
          id -> 9_700,
          new MakerFirstSettings(true, 1, 600_000, 10));
  private FlowLiveExecutor executor;

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
    makerFirst.close();
  }

  private FlowLiveExecutor executor(boolean makerExits) {
    return executor(makerExits, null);
  }

  private FlowLiveExecutor executor(boolean makerExits, VenueAccount account) {
    executor =
        new FlowLiveExecutor(
            new FlowLiveVenue(venue, makerExits ? makerFirst : null, account, null),
            Map.of(BTC, BTC_FILTERS),
            liveRisk(),
            null,
            new FlowLiveSettings(10_000, 600_000, 3, TP_TIMEOUT, GRACE),
            timer);
    executor.onPrice(BTC, 9_700, T0);
    return executor;
  }

  /** A position whose stop is 10 below (a short: above) the entry; its last exit at TP1. */
  private static PositionSnapshot position(
      String id,
      FlowDirection direction,
      double quantity,
      double remaining,
      double tp1,
      double tp2) {
    double stop = 9_700 - direction.sign() * 10;
    double lastExit = remaining < quantity ? tp1 : Double.NaN;
    return FlowFixtures.position(id, direction, quantity, remaining, stop, tp1, tp2, lastExit);
  }

  private static PositionSnapshot opened(double quantity) {
    return position(POSITION, FlowDirection.LONG, quantity, quantity, 9_705, 9_710);
  }

  private static PositionSnapshot tp1Hit(double quantity) {
    return position(POSITION, FlowDirection.LONG, quantity, quantity / 2, 9_705, 9_710);
  }

  private void idle() throws InterruptedException {
    assertThat(executor.awaitIdle(5_000)).as("executor idle").isTrue();
  }

  private static ClientOrderId id(String name) {
    return ClientOrderIds.derive(STRATEGY, POSITION, name);
  }

  /** Opens a long of {@code quantity}, fills its post-only entry at the venue, returns the TPs. */
  private List<Order> enteredLong(double quantity) throws InterruptedException {
    executor.onPositionOpened(opened(quantity));
    idle();
    venue.trade(9_699.9, 10); // the entry limit, one tick below 9,700, fills as maker
    idle();
    return venue.accepted().subList(1, venue.accepted().size());
  }

  private FlowLiveOrder view(String name) {
    return executor.orders(null, null, null).stream()
        .filter(o -> o.clientOrderId().equals(id(name).value()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void tpLimits_restPostOnlyAndReduceOnlyAtTheLevels_sizedFromTheEntrysFills() throws Exception {
    executor(true);
    executor.onPositionOpened(opened(1.2355)); // 1.235 at the venue's step
    idle();
    venue.trade(9_699.9, 0.6); // part of the entry: no TP limit yet (it waits for the entry's end)
    idle();
    assertThat(venue.accepted()).hasSize(1);
    venue.trade(9_699.9, 5); // the rest
    idle();

    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(3);
    Order tp1 = sent.get(1);
    Order tp2 = sent.get(2);
    assertThat(tp1.clientOrderId()).isEqualTo(id("tp1"));
    assertThat(tp2.clientOrderId()).isEqualTo(id("tp2"));
    for (Order tp : List.of(tp1, tp2)) {
      assertThat(tp.type()).isEqualTo(OrderType.LIMIT);
      assertThat(tp.side()).isEqualTo(OrderSide.SELL);
      assertThat(tp.reduceOnly()).isTrue();
    }
    assertThat(tp1.limitPrice()).isEqualTo(Price.parse("9705.0", 1));
    assertThat(tp2.limitPrice()).isEqualTo(Price.parse("9710.0", 1));
    assertThat(tp1.quantity()).isEqualTo(Quantity.parse("0.617", 3)); // half, toward 0
    assertThat(tp2.quantity()).isEqualTo(Quantity.parse("0.618", 3)); // the rest of 1.235
    assertThat(venue.resting()).containsExactly(tp1, tp2);
    FlowLiveOrder view = view("tp1");
    assertThat(view.leg()).isEqualTo(FlowLiveLeg.TP1);
    assertThat(view.postOnly()).isTrue();
    assertThat(view.reduceOnly()).isTrue();
    assertThat(view.limitPrice()).isEqualTo(9_705.0);
    assertThat(view.status()).isEqualTo(FlowLiveOrderStatus.WORKING);
    assertThat(executor.kpis().exits().tpLimits()).isEqualTo(2);
    assertThat(executor.kpis().exits().makerExits()).isTrue();
  }

  @Test
  void tpLevels_roundToTheTickThatFillsNoLaterThanThePaper_andAShortBuysThemBack()
      throws Exception {
    executor(true);
    String id = "factory-1:BTCUSDT:short";
    executor.onPositionOpened(position(id, FlowDirection.SHORT, 1, 1, 9_694.96, 9_689.91));
    idle();
    venue.trade(9_700.1, 5); // the short entry rests one tick above
    idle();
    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1).side()).isEqualTo(OrderSide.BUY);
    assertThat(sent.get(1).limitPrice()).isEqualTo(Price.parse("9695.0", 1)); // up: a buy
    assertThat(sent.get(2).limitPrice()).isEqualTo(Price.parse("9690.0", 1));
    assertThat(sent.get(1).quantity()).isEqualTo(Quantity.parse("0.500", 3));
    assertThat(sent.get(1).reduceOnly()).isTrue();
  }

  @Test
  void tp1FilledAtTheVenue_noMarketOrder_andTp2FilledToo_isFlatAllMaker() throws Exception {
    executor(true);
    enteredLong(1.234);
    venue.trade(9_705.0, 5); // TP1 reached at the venue: its limit fills as maker
    idle();
    executor.onPositionUpdated(tp1Hit(1.234));
    idle();
    timer.advance(TP_TIMEOUT * 3);
    idle();
    assertThat(venue.accepted()).hasSize(3); // entry, tp1, tp2: nothing at market
    assertThat(venue.cancels()).isEmpty();
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0.617");

    venue.trade(9_710.0, 5);
    idle();
    executor.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1.234, FlowTradeStatus.TP, 9_710));
    idle();
    timer.advance(TP_TIMEOUT * 3);
    idle();
    assertThat(venue.accepted()).hasSize(3);
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    FlowLiveExitKpis k = executor.kpis().exits();
    assertThat(k.tpTranches()).isEqualTo(2);
    assertThat(k.tpMakerTranches()).isEqualTo(2);
    assertThat(k.tpFallbacks()).isZero();
    assertThat(k.tpMakerShare()).isEqualTo(1.0);
    assertThat(k.tpOvershootRate()).isZero();
    assertThat(k.tpFallbackSlippageBps()).isNaN();
    assertThat(executor.kpis().working()).isZero();
  }

  @Test
  void tp1NotFilled_afterTheTpTimeoutExactlyOneReduceOnlyMarketForTheRest_neverMoreThanHeld()
      throws Exception {
    executor(true);
    enteredLong(1.234);
    venue.trade(9_705.0, 0.2); // TP1 only partly filled at the venue (0.2 of 0.617)
    idle();
    venue.price(9_704.0);
    executor.onPositionUpdated(tp1Hit(1.234));
    idle();
    timer.advance(TP_TIMEOUT - 1);
    idle();
    assertThat(venue.accepted()).hasSize(3);
    assertThat(venue.cancels()).isEmpty();
    executor.onPositionUpdated(tp1Hit(1.234)); // repeated: no second timer, nothing sent
    timer.advance(1);
    idle();

    assertThat(venue.cancels()).containsExactly(id("tp1"));
    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(4);
    Order market = sent.get(3);
    assertThat(market.clientOrderId()).isEqualTo(id("tp1-mkt"));
    assertThat(market.type()).isEqualTo(OrderType.MARKET);
    assertThat(market.side()).isEqualTo(OrderSide.SELL);
    assertThat(market.reduceOnly()).isTrue();
    assertThat(market.quantity()).isEqualTo(Quantity.parse("0.417", 3)); // 0.617 − 0.2 filled
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0.617"); // TP2's half
    assertThat(venue.resting()).extracting(Order::clientOrderId).containsExactly(id("tp2"));
    FlowLiveOrder limit = view("tp1");
    assertThat(limit.status()).isEqualTo(FlowLiveOrderStatus.CANCELLED);
    assertThat(limit.filledQuantity()).isEqualTo(0.2);
    assertThat(limit.reason()).startsWith("tp_timeout:");

    timer.advance(TP_TIMEOUT * 5); // late timers, repeated decisions: nothing more
    executor.onPositionUpdated(tp1Hit(1.234));
    idle();
    assertThat(venue.accepted()).hasSize(4);
    FlowLiveExitKpis k = executor.kpis().exits();
    assertThat(k.tpTranches()).isEqualTo(1);
    assertThat(k.tpFallbacks()).isEqualTo(1);
    assertThat(k.tpOvershootRate()).isEqualTo(1.0);
    assertThat(k.tpMakerShare()).isCloseTo(0.2 / 0.617, within(1e-9));
    assertThat(k.tpFallbackSlippageBps()).isCloseTo(1.0 / 9_705 * 1e4, within(1e-9)); // 9,704

    // TP2 never fills at the venue: after the paper's TP2, the timeout, then its half at market
    executor.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1.234, FlowTradeStatus.TP, 9_710));
    idle();
    assertThat(venue.accepted()).hasSize(4);
    timer.advance(TP_TIMEOUT);
    idle();
    assertThat(venue.accepted()).hasSize(5);
    assertThat(venue.accepted().get(4).clientOrderId()).isEqualTo(id("tp2-mkt"));
    assertThat(venue.accepted().get(4).quantity()).isEqualTo(Quantity.parse("0.617", 3));
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(executor.kpis().exits().tpOvershootRate()).isEqualTo(1.0);
    assertThat(executor.kpis().venueRejected()).isZero();
  }

  @Test
  void aTpPartlyFilledAfterThePapersHit_leavesOnlyItsRestForTheMarket() throws Exception {
    executor(true);
    enteredLong(1);
    executor.onPositionUpdated(tp1Hit(1));
    idle();
    venue.trade(9_705.0, 0.3); // fills before the timeout
    idle();
    timer.advance(TP_TIMEOUT);
    idle();
    assertThat(venue.accepted().get(3).quantity()).isEqualTo(Quantity.parse("0.200", 3));
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0.5");
  }

  @Test
  void stop_cancelsTheTpLimitsAndClosesEverythingAtMarketAtOnce() throws Exception {
    executor(true);
    enteredLong(1.234);
    venue.trade(9_705.0, 0.3); // a part of TP1 filled before the stop
    venue.price(9_689.0);
    executor.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1.234, FlowTradeStatus.SL, 9_690));
    idle();
    assertThat(venue.cancels()).containsExactlyInAnyOrder(id("tp1"), id("tp2"));
    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(4);
    Order exit = sent.get(3);
    assertThat(exit.clientOrderId()).isEqualTo(id("exit"));
    assertThat(exit.type()).isEqualTo(OrderType.MARKET);
    assertThat(exit.reduceOnly()).isTrue();
    assertThat(exit.quantity()).isEqualTo(Quantity.parse("0.934", 3)); // what is held
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(venue.resting()).isEmpty();
    assertThat(view("tp2").reason()).contains("closed (sl)");
    assertThat(timer.pending()).isZero(); // no timer needed
    assertThat(executor.kpis().exits().stopCloses()).isEqualTo(1);
    assertThat(executor.kpis().working()).isZero();
  }

  @Test
  void breakEvenStop_afterTp1FilledAtTheVenue_closesTheTp2HalfAtMarket() throws Exception {
    executor(true);
    enteredLong(1.234);
    venue.trade(9_705.0, 5);
    executor.onPositionUpdated(tp1Hit(1.234));
    idle();
    executor.onTradeClosed(
        closed(POSITION, FlowDirection.LONG, 1.234, FlowTradeStatus.SL_BE, 9_700.01));
    idle();
    assertThat(venue.cancels()).containsExactly(id("tp2"));
    assertThat(venue.accepted()).hasSize(4);
    assertThat(venue.accepted().get(3).quantity()).isEqualTo(Quantity.parse("0.617", 3));
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
  }

  @Test
  void timeout_restsALimitAtThePrice_thenTheRestAtMarketAfterTheGrace() throws Exception {
    executor(true);
    enteredLong(1.234);
    venue.price(9_702.0);
    executor.onPrice(BTC, 9_702.0, T0 + 1_800_000);
    executor.onTradeClosed(
        closed(POSITION, FlowDirection.LONG, 1.234, FlowTradeStatus.TIMEOUT, 9_702));
    idle();
    assertThat(venue.cancels()).containsExactlyInAnyOrder(id("tp1"), id("tp2"));
    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(4);
    Order limit = sent.get(3);
    assertThat(limit.clientOrderId()).isEqualTo(id("timeout"));
    assertThat(limit.type()).isEqualTo(OrderType.LIMIT);
    assertThat(limit.reduceOnly()).isTrue();
    assertThat(limit.limitPrice()).isEqualTo(Price.parse("9702.1", 1)); // one tick passive
    assertThat(limit.quantity()).isEqualTo(Quantity.parse("1.234", 3));
    venue.trade(9_702.1, 0.5); // half of it fills as maker
    idle();
    timer.advance(GRACE - 1);
    idle();
    assertThat(venue.accepted()).hasSize(4);
    timer.advance(1);
    idle();
    assertThat(venue.cancels()).endsWith(id("timeout"));
    assertThat(venue.accepted()).hasSize(5);
    Order market = venue.accepted().get(4);
    assertThat(market.clientOrderId()).isEqualTo(id("exit"));
    assertThat(market.type()).isEqualTo(OrderType.MARKET);
    assertThat(market.reduceOnly()).isTrue();
    assertThat(market.quantity()).isEqualTo(Quantity.parse("0.734", 3));
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(view("timeout").reason()).startsWith("timeout_grace:");
    FlowLiveExitKpis k = executor.kpis().exits();
    assertThat(k.timeoutLimits()).isEqualTo(1);
    assertThat(k.timeoutFallbacks()).isEqualTo(1);
  }

  @Test
  void timeoutLimitFilledWithinTheGrace_noMarketOrder() throws Exception {
    executor(true);
    enteredLong(1);
    executor.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1, FlowTradeStatus.TIMEOUT, 9_700));
    idle();
    venue.trade(9_700.1, 5);
    idle();
    timer.advance(GRACE);
    idle();
    assertThat(venue.accepted()).hasSize(4); // entry, tp1, tp2, timeout limit
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(executor.kpis().exits().timeoutFallbacks()).isZero();
  }

  @Test
  void flip_closesAtMarket_andTheReverseEntryGoesThroughTheEntryMachine() throws Exception {
    executor(true);
    enteredLong(1);
    String reverse = "factory-1:BTCUSDT:reverse";
    executor.onTradeClosed(
        closed(POSITION, FlowDirection.LONG, 1, FlowTradeStatus.SIGNAL_FLIP, 9_700));
    executor.onPositionOpened(position(reverse, FlowDirection.SHORT, 1, 1, 9_695, 9_690));
    idle();
    assertThat(venue.cancels()).containsExactlyInAnyOrder(id("tp1"), id("tp2"));
    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(5);
    Order exit = sent.stream().filter(o -> o.clientOrderId().equals(id("exit"))).findFirst().get();
    assertThat(exit.type()).isEqualTo(OrderType.MARKET);
    assertThat(exit.reduceOnly()).isTrue();
    assertThat(exit.quantity()).isEqualTo(Quantity.parse("1.000", 3));
    ClientOrderId reverseEntry = ClientOrderIds.derive(STRATEGY, reverse, "entry");
    Order entry =
        sent.stream().filter(o -> o.clientOrderId().equals(reverseEntry)).findFirst().get();
    assertThat(entry.type()).isEqualTo(OrderType.LIMIT); // maker-first, one tick above
    assertThat(entry.limitPrice()).isEqualTo(Price.parse("9700.1", 1));
    assertThat(entry.side()).isEqualTo(OrderSide.SELL);
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(executor.kpis().exits().flipCloses()).isEqualTo(1);
  }

  @Test
  void repeatedDecisionsAndDuplicatedVenueAnswers_neverDoubleAnOrder() throws Exception {
    executor(true);
    enteredLong(1.234);
    venue.duplicateCallbacks(true); // every ack, fill and cancel from now on arrives twice
    venue.trade(9_705.0, 0.2);
    executor.onPositionUpdated(tp1Hit(1.234));
    executor.onPositionUpdated(tp1Hit(1.234));
    idle();
    timer.advance(TP_TIMEOUT);
    timer.advance(TP_TIMEOUT);
    idle();
    ClosedFlowTrade stop =
        closed(POSITION, FlowDirection.LONG, 1.234, FlowTradeStatus.SL_BE, 9_700);
    executor.onTradeClosed(stop);
    executor.onTradeClosed(stop);
    idle();
    timer.advance(TP_TIMEOUT * 5);
    executor.probeNow();
    idle();

    assertThat(venue.accepted())
        .extracting(Order::clientOrderId)
        .containsExactly(id("entry"), id("tp1"), id("tp2"), id("tp1-mkt"), id("exit"));
    assertThat(venue.accepted().get(3).quantity()).isEqualTo(Quantity.parse("0.417", 3));
    assertThat(venue.accepted().get(4).quantity()).isEqualTo(Quantity.parse("0.617", 3));
    assertThat(venue.position("BTCUSDT")).isEqualByComparingTo("0");
    FlowLiveKpis k = executor.kpis();
    assertThat(k.venueRejected()).isZero();
    assertThat(k.working()).isZero();
    FlowLivePosition p = executor.positions().get(0);
    assertThat(p.quantity()).isZero();
    assertThat(p.fills()).isEqualTo(4); // entry, tp1 part, tp1 market, exit: each booked once
  }

  @Test
  void aTp1HalfBelowTheMinimum_restsWholeOnTp2_andTp1SendsNothing() throws Exception {
    executor(true);
    enteredLong(0.0206); // 0.020 at the venue: 0.010 × 9,705 < 100 USDT minimum
    List<Order> sent = venue.accepted();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).clientOrderId()).isEqualTo(id("tp2"));
    assertThat(sent.get(1).quantity()).isEqualTo(Quantity.parse("0.020", 3));
    FlowLiveOrder skipped = view("tp1");
    assertThat(skipped.status()).isEqualTo(FlowLiveOrderStatus.SKIPPED);
    assertThat(skipped.reason()).contains("below the venue's minimum").contains("rests on TP2");
    executor.onPositionUpdated(tp1Hit(0.0206));
    idle();
    timer.advance(TP_TIMEOUT);
    idle();
    assertThat(venue.accepted()).hasSize(2);
    assertThat(executor.kpis().exits().tpLimitsNotPlaced()).isEqualTo(1);
  }

  @Test
  void aTpLevelTheMarketAlreadyReached_getsNoLimit_andClosesAtMarketWhenThePaperHitsIt()
      throws Exception {
    executor(true);
    executor.onPositionOpened(opened(1));
    idle();
    executor.onPrice(BTC, 9_706, T0 + 1_000); // beyond TP1 when the entry ends
    venue.trade(9_699.9, 5);
    idle();
    assertThat(venue.accepted())
        .extracting(Order::clientOrderId)
        .containsExactly(id("entry"), id("tp2"));
    assertThat(view("tp1").reason()).contains("already at the level");
    executor.onPositionUpdated(tp1Hit(1));
    idle();
    assertThat(venue.accepted()).hasSize(3); // at once, no timeout: nothing rests for it
    assertThat(venue.accepted().get(2).clientOrderId()).isEqualTo(id("tp1-mkt"));
    assertThat(venue.accepted().get(2).quantity()).isEqualTo(Quantity.parse("0.500", 3));
  }

  @Test
  void withTpLimitsResting_aProbeMismatchCountsOnlyWhenTheNextProbeSeesItAgain() throws Exception {
    VenueAccount account = new ScriptedVenueAccount(venue, BTC);
    executor(true, account);
    enteredLong(1);
    executor.probeNow();
    idle();
    assertThat(executor.kpis().mismatchedProbes()).isZero();
    venue.setPosition("BTCUSDT", new BigDecimal("0.7")); // e.g. a TP fill not reported yet
    executor.probeNow();
    idle();
    assertThat(executor.kpis().mismatchedProbes()).as("once: maybe a fill in transit").isZero();
    executor.probeNow();
    idle();
    assertThat(executor.kpis().mismatchedProbes()).isEqualTo(1);
    assertThat(executor.kpis().lastMismatch()).contains("fills 1", "venue 0.7");
  }

  @Test
  void withoutMakerFirst_exitsStayMarketOrders() throws Exception {
    executor(false);
    executor.onPositionOpened(opened(1));
    idle();
    executor.onPositionUpdated(tp1Hit(1));
    idle();
    executor.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1, FlowTradeStatus.TP, 9_710));
    idle();
    assertThat(venue.accepted())
        .extracting(Order::clientOrderId)
        .containsExactly(id("entry"), id("tp1"), id("exit"));
    assertThat(venue.accepted()).allMatch(o -> o.type() == OrderType.MARKET);
    assertThat(timer.pending()).isZero();
    FlowLiveExitKpis k = executor.kpis().exits();
    assertThat(k.makerExits()).isFalse();
    assertThat(k.tpLimits()).isZero();
    assertThat(k.tpMakerShare()).isZero();
  }
}
