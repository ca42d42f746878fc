package io.perpetua.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Times;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status {@link RiskEngine} publishes against what its checks decide at the same kernel time: a
 * halt the status reports must be one the next order meets, and the reverse.
 */
class RiskEngineStatusTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final Instrument BTC_I =
      new Instrument(BTC, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final long T0 = 1_700_006_400_000L + 10 * Times.HOUR_MS;
  private static final long MIN = 60_000L;

  private static RiskEngine engine(CircuitBreakers breakers) {
    return RiskEngine.open(
        new RiskConfig(RiskLimits.unlimited(), breakers, 0.8), new InMemoryRiskStore(), () -> T0);
  }

  private static CircuitBreakers streakOf(int losses, int pauseMinutes) {
    return new CircuitBreakers(0, 0, 0, false, losses, pauseMinutes, 0, 0, 0, 0, 0);
  }

  private static PortfolioReading reading(long t, double equity) {
    return new PortfolioReading(t, equity, 0, 0, 0, null);
  }

  private static Order buy() {
    return new Order(
        ClientOrderId.of("c1"),
        BTC,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse("1.000", 3),
        null,
        false,
        StrategyId.of("t"),
        null,
        0);
  }

  private static RuleStatus row(RiskStatus s, String rule) {
    return s.rules().stream().filter(r -> r.ruleName().equals(rule)).findFirst().orElseThrow();
  }

  @Test
  void lossStreakPause_statusFollowsTheOrderClock_notTheLastReading() {
    RiskEngine e = engine(streakOf(2, 60));
    List<RiskStatus> published = new ArrayList<>();
    e.publishTo(published::add);
    e.observe(reading(T0, 1000));
    e.onRealized(BTC, Money.of(-1.0), true, T0);
    e.onRealized(BTC, Money.of(-2.0), true, T0); // paused until T0 + 60 min
    e.observe(reading(T0 + 30 * MIN, 1000));
    assertThat(e.status().haltReasons()).containsExactly("consecutive_losses");
    assertThat(row(e.status(), "consecutive_losses").level()).isEqualTo(RuleStatus.Level.VIOLATED);

    long end = T0 + 60 * MIN;
    OrderContext ctx = Contexts.of(100, end, end, 1000, 0, 100, 0, 100);
    assertThat(e.check(buy(), BTC_I, ctx)).isEmpty(); // the pause is over for the checks
    e.setSymbolEnabled(ETH, false, "maintenance", "ops"); // rebuilds and publishes the status

    RiskStatus s = e.status();
    assertThat(published.getLast()).isEqualTo(s);
    assertThat(s.haltReasons()).isEmpty();
    assertThat(s.tradingEnabled()).isTrue();
    assertThat(s.overall()).isEqualTo(RiskStatus.Overall.NORMAL);
    RuleStatus streak = row(s, "consecutive_losses");
    assertThat(streak.level()).isEqualTo(RuleStatus.Level.OK);
    assertThat(streak.detail()).isNull();
    assertThat(e.haltReason(end)).isEmpty();
  }

  @Test
  void lossStreakPause_oneMillisecondBeforeItsEnd_statusAndCheckBothHalt() {
    RiskEngine e = engine(streakOf(1, 1));
    e.publishTo(x -> {});
    e.observe(reading(T0, 1000));
    e.onRealized(BTC, Money.of(-1.0), true, T0); // paused until T0 + 1 min
    long before = T0 + MIN - 1;
    OrderContext ctx = Contexts.of(100, before, before, 1000, 0, 100, 0, 100);
    assertThat(e.check(buy(), BTC_I, ctx).orElseThrow().rule()).isEqualTo("consecutive_losses");
    e.setSymbolEnabled(ETH, false, "maintenance", "ops");
    assertThat(e.status().haltReasons()).containsExactly("consecutive_losses");
    assertThat(row(e.status(), "consecutive_losses").detail())
        .isEqualTo("paused until " + Times.iso(T0 + MIN));
  }

  private static Alert active(RiskEngine e, String rule) {
    return e.store().activeAlerts().stream()
        .filter(a -> a.ruleName().equals(rule))
        .findFirst()
        .orElse(null);
  }

  /** An operator stop is stamped with the latest kernel time the engine saw. */
  private static long stopStamp(RiskEngine e) {
    e.emergencyStop("test", "ops");
    Alert a = active(e, "emergency_stop");
    return a == null ? Long.MIN_VALUE : a.raisedAtMs();
  }

  @Test
  void everyKernelHook_advancesTheClockThatStampsOperatorActions() {
    CircuitBreakers b = new CircuitBreakers(0, 0, 0, false, 1, 1, 1000, 0, 0, 10, 20);
    RiskEngine held = engine(b);
    held.holdingTooLong(BTC, 0, T0 + 1);
    assertThat(stopStamp(held)).isEqualTo(T0 + 1);
    RiskEngine closed = engine(b);
    closed.positionClosed(BTC, T0 + 2);
    assertThat(stopStamp(closed)).isEqualTo(T0 + 2);
    RiskEngine realized = engine(b);
    realized.onRealized(BTC, Money.of(1.0), false, T0 + 3);
    assertThat(stopStamp(realized)).isEqualTo(T0 + 3);
    RiskEngine venue = engine(b);
    venue.venueReachable(true, T0 + 4);
    assertThat(stopStamp(venue)).isEqualTo(T0 + 4);
    RiskEngine reconciled = engine(b);
    reconciled.reconciled(0, false, "ok", T0 + 5);
    assertThat(stopStamp(reconciled)).isEqualTo(T0 + 5);
    RiskEngine blocked = engine(b);
    blocked.rebalanceBlocked(T0 + 6, "daily_loss");
    assertThat(blocked.store().events(10))
        .contains(
            new RiskEvent(
                T0 + 6,
                "rebalance_blocked",
                "daily_loss",
                null,
                "rebalance skipped: trading halted by daily_loss"));
    assertThat(stopStamp(blocked)).isEqualTo(T0 + 6);
    RiskEngine none = engine(b); // no kernel time yet: the stop's alert waits for the first
    assertThat(stopStamp(none)).isEqualTo(Long.MIN_VALUE);
    none.observe(reading(T0 + 7, 1000));
    assertThat(active(none, "emergency_stop").raisedAtMs()).isEqualTo(T0 + 7);
  }

  @Test
  void watchesHoldingTime_onlyWhenAHoldingLimitIsSet() {
    assertThat(engine(CircuitBreakers.off()).watchesHoldingTime()).isFalse();
    assertThat(
            engine(new CircuitBreakers(0, 0, 0, false, 0, 0, 0, 0, 0, 1, 0)).watchesHoldingTime())
        .isTrue();
    assertThat(
            engine(new CircuitBreakers(0, 0, 0, false, 0, 0, 0, 0, 0, 0, 1)).watchesHoldingTime())
        .isTrue();
  }

  @Test
  void venueUp_followsTheLastReport() {
    RiskEngine e = engine(CircuitBreakers.off());
    assertThat(e.venueUp()).isTrue();
    e.venueReachable(false, T0);
    assertThat(e.venueUp()).isFalse();
    e.venueReachable(true, T0 + 1);
    assertThat(e.venueUp()).isTrue();
  }

  @Test
  void reconciled_mismatchRaisesBySeverity_consistencyResolvesOnce() {
    RiskEngine e = engine(CircuitBreakers.off());
    e.reconciled(0, false, "clean", T0); // nothing active: no event
    assertThat(e.store().events(10)).isEmpty();
    e.reconciled(2, false, "2 orders differ", T0 + 1);
    Alert warn = active(e, "venue_reconciliation");
    assertThat(warn.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(warn.message()).isEqualTo("venue differs from the journal: 2 orders differ");
    assertThat(warn.currentValue()).isEqualTo(2.0);
    assertThat(warn.raisedAtMs()).isEqualTo(T0 + 1);
    e.reconciled(1, true, "position adopted", T0 + 2);
    Alert crit = active(e, "venue_reconciliation");
    assertThat(crit.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(crit.message()).isEqualTo("venue state adopted: position adopted");
    e.reconciled(0, false, "clean", T0 + 3);
    assertThat(active(e, "venue_reconciliation")).isNull();
    assertThat(e.store().events(10))
        .extracting(RiskEvent::kind)
        .containsExactly("reconciliation_ok", "reconciliation_mismatch", "reconciliation_mismatch");
    assertThat(e.store().events(1).getFirst().timeMs()).isEqualTo(T0 + 3);
  }

  @Test
  void publishing_immediatelyAtEveryObservationAndAfterEveryOperatorAction() {
    RiskEngine e = engine(CircuitBreakers.off());
    List<RiskStatus> published = new ArrayList<>();
    e.publishTo(published::add);
    assertThat(published).hasSize(1).containsExactly(e.status());
    e.observe(reading(T0, 1000));
    e.observe(
        reading(T0 + 1, 1000)); // no level changed: still published (a subscriber reads values)
    assertThat(published).hasSize(3);
    assertThat(published.getLast().lastCheckMs()).isEqualTo(T0 + 1);
    SymbolControl c = e.setSymbolEnabled(ETH, false, "maintenance", "ops");
    assertThat(c).isEqualTo(new SymbolControl(ETH, false, "maintenance", "ops", T0));
    assertThat(published).hasSize(4);
    assertThat(published.getLast().disabledSymbols()).containsExactly(ETH.apiSymbol());
    EmergencyStop stop = e.emergencyStop("drill", "ops");
    assertThat(stop).isEqualTo(new EmergencyStop(true, "drill", "ops", T0));
    assertThat(published.getLast().overall()).isEqualTo(RiskStatus.Overall.HALTED);
    EmergencyStop resumed = e.resume("done", "ops");
    assertThat(resumed).isEqualTo(new EmergencyStop(false, "done", "ops", T0));
    assertThat(published).hasSize(6);
    assertThat(published.getLast().overall()).isEqualTo(RiskStatus.Overall.NORMAL);
  }

  @Test
  void withoutASubscriber_statusRebuiltOnlyWhenALevelChanges() {
    RiskEngine e =
        RiskEngine.open(
            new RiskConfig(
                new RiskLimits(1, 10, 0.3, 0, 0, 100, java.util.Set.of(), true),
                CircuitBreakers.off(),
                0.8),
            new InMemoryRiskStore(),
            () -> T0);
    RiskConfig config = e.config();
    assertThat(config.limits().maxDrawdownHalt()).isEqualTo(0.3);
    e.observe(reading(T0, 1000));
    RiskStatus first = e.status();
    assertThat(first.lastCheckMs()).isEqualTo(T0);
    e.observe(reading(T0 + 1, 990)); // drawdown 1 %: still ok, the status keeps its values
    assertThat(e.status()).isSameAs(first);
    e.observe(reading(T0 + 2, 750)); // 25 % of 30 %: warning, rebuilt
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.WARNING);
    assertThat(e.status().lastCheckMs()).isEqualTo(T0 + 2);
  }

  @Test
  void universeAndOperatorGuard_bindOrdersOutsideTheUniverseAndStoppedTrading() {
    RiskEngine e = engine(CircuitBreakers.off());
    OrderContext ctx = Contexts.of(100, T0, T0, 1000, 0, 100, 0, 100);
    e.restrictUniverse(java.util.Set.of(ETH));
    assertThat(e.check(buy(), BTC_I, ctx).orElseThrow().rule()).isEqualTo("symbol_not_approved");
    e.approveSymbol(BTC);
    assertThat(e.approvedSymbols()).containsExactly("BTC/USDT:USDT");
    assertThat(e.check(buy(), BTC_I, ctx)).isEmpty();

    PreTradeGuard guard = e.operatorControls();
    assertThat(guard.check(buy(), BTC_I, ctx)).isEmpty();
    e.emergencyStop("drill", "ops");
    assertThat(guard.check(buy(), BTC_I, ctx).orElseThrow().rule()).isEqualTo("emergency_stop");
  }

  @Test
  void holdingTime_exactlyAtEachLimit_andEitherLimitOff() {
    RiskEngine closeOnly = engine(new CircuitBreakers(0, 0, 0, false, 0, 0, 0, 0, 0, 0, 20));
    assertThat(closeOnly.holdingTooLong(BTC, 10 * MIN, T0)).isFalse();
    assertThat(closeOnly.store().activeAlerts()).isEmpty(); // no warning limit: no warning
    assertThat(closeOnly.holdingTooLong(BTC, 20 * MIN, T0)).isFalse(); // at the limit: not yet
    assertThat(closeOnly.holdingTooLong(BTC, 20 * MIN + 1, T0 + 1)).isTrue();
    Alert forced = active(closeOnly, "holding_time");
    assertThat(forced.message()).isEqualTo("BTC/USDT:USDT held 20 min: force close");
    assertThat(forced.currentValue()).isEqualTo((20 * MIN + 1) / 60_000.0);
    assertThat(forced.threshold()).isEqualTo(20.0);
    assertThat(closeOnly.store().events(1).getFirst())
        .isEqualTo(
            new RiskEvent(T0 + 1, "forced_close", "holding_time", "BTC/USDT:USDT", "20 min"));

    RiskEngine warnOnly = engine(new CircuitBreakers(0, 0, 0, false, 0, 0, 0, 0, 0, 10, 0));
    assertThat(warnOnly.holdingTooLong(BTC, 10 * MIN, T0)).isFalse();
    assertThat(warnOnly.store().activeAlerts()).isEmpty(); // at the warning limit: no warning
    assertThat(warnOnly.holdingTooLong(BTC, 1000 * MIN, T0)).isFalse(); // no close limit
    Alert warned = active(warnOnly, "holding_time");
    assertThat(warned.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(warned.message()).isEqualTo("BTC/USDT:USDT held 1000 min");
    assertThat(warned.currentValue()).isEqualTo(1000.0);
    assertThat(warned.threshold()).isEqualTo(10.0);
  }

  @Test
  void alertsFollowTheRows_atTimeZeroAllButTheDrawdownRow() {
    RiskLimits oneX = new RiskLimits(1, 1, 0.1, 0, 0, 100, java.util.Set.of(), true);
    RiskEngine e =
        RiskEngine.open(
            new RiskConfig(oneX, CircuitBreakers.off(), 0.8), new InMemoryRiskStore(), () -> 0);
    e.observe(new PortfolioReading(0, 1000, 900, 0, 900, "BTC/USDT:USDT")); // 0.9x of 1x: warning
    assertThat(active(e, "max_total_exposure").raisedAtMs()).isZero();
    RiskEngine later =
        RiskEngine.open(
            new RiskConfig(oneX, CircuitBreakers.off(), 0.8), new InMemoryRiskStore(), () -> T0);
    later.observe(reading(T0, 1000));
    later.observe(reading(T0 + 1, 910)); // drawdown 9 % of 10 %: warning, alert raised
    assertThat(active(later, "max_drawdown_halt").severity()).isEqualTo(AlertSeverity.WARNING);
  }

  @Test
  void withoutASubscriber_aStreakWarningUnderADailyHaltIsStillNoticed() {
    // daily loss 5 % (halts), 5 losses in a row pause (warning from 4)
    RiskEngine e = engine(new CircuitBreakers(0.05, 0, 0, false, 5, 60, 0, 0, 0, 0, 0));
    e.observe(reading(T0, 1000));
    assertThat(row(e.status(), "consecutive_losses").level()).isEqualTo(RuleStatus.Level.OK);
    e.onRealized(BTC, Money.of(-1.0), true, T0);
    e.observe(reading(T0 + 1, 940)); // 6 % lost: halted
    assertThat(e.status().haltReasons()).containsExactly("daily_loss");
    for (int i = 0; i < 3; i++) {
      e.onRealized(BTC, Money.of(-1.0), true, T0 + 2);
    }
    e.observe(reading(T0 + 3, 940)); // only the streak's level changed: 4 of 5 -> warning
    RuleStatus streak = row(e.status(), "consecutive_losses");
    assertThat(streak.level()).isEqualTo(RuleStatus.Level.WARNING);
    assertThat(streak.currentValue()).isEqualTo(4.0);
    assertThat(e.status().lastCheckMs()).isEqualTo(T0 + 3);
  }

  @Test
  void withoutASubscriber_theFirstReadingAfterAStopUnderADailyHaltRebuildsTheStatus() {
    RiskEngine e = engine(new CircuitBreakers(0.05, 0, 0, false, 0, 0, 0, 0, 0, 0, 0));
    e.observe(reading(T0, 1000));
    e.observe(reading(T0 + 1, 940)); // halted by daily loss
    e.emergencyStop("drill", "ops");
    e.observe(reading(T0 + 2, 940)); // the stop is new to the levels: rebuilt at this reading
    assertThat(e.status().lastCheckMs()).isEqualTo(T0 + 2);
    assertThat(e.status().haltReasons()).containsExactly("emergency_stop");
  }
}
