package io.perpetua.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule, control and breaker of {@link RiskEngine} with hand-built contexts. */
class RiskEngineTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  // tick 0.01, step 0.010 (quantity scale 3), min notional 5 USDT
  private static final Instrument BTC_I =
      new Instrument(BTC, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final Instrument ETH_I =
      new Instrument(ETH, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final long DAY0 = 1_700_006_400_000L; // 2023-11-15T00:00:00Z
  private static final long T0 = DAY0 + 10 * Times.HOUR_MS;
  private static final long MIN = 60_000L;

  private final long[] wall = {T0};
  private int seq;

  /** 20 % per symbol, 1× gross, 30 % drawdown, 100 reserve, 500 per order, 3× turnover. */
  private static RiskLimits limits() {
    return new RiskLimits(0.2, 1.0, 0.3, 100, 500, 3.0, Set.of(), true);
  }

  private static CircuitBreakers breakers(
      double lossPct, double lossR, double unit, int streak, long venueMs, long staleMs) {
    return new CircuitBreakers(
        lossPct, lossR, unit, true, streak, streak > 0 ? 60 : 0, venueMs, staleMs, 0, 60, 120);
  }

  private RiskEngine engine(RiskLimits limits, CircuitBreakers breakers, RiskStore store) {
    return RiskEngine.open(new RiskConfig(limits, breakers, 0.8), store, () -> wall[0]);
  }

  private RiskEngine engine() {
    return engine(limits(), CircuitBreakers.off(), new InMemoryRiskStore());
  }

  private Order order(InstrumentId id, OrderSide side, String qty, boolean reduceOnly) {
    return new Order(
        ClientOrderId.of("c" + seq++),
        id,
        side,
        OrderType.MARKET,
        Quantity.parse(qty, 3),
        null,
        reduceOnly,
        StrategyId.of("t"),
        null,
        0);
  }

  private Order buy(String qty) {
    return order(BTC, OrderSide.BUY, qty, false);
  }

  /** Mark 100, fresh, equity 1000, the given position and gross before/after. */
  private static OrderContext ctx(
      double before, double after, double grossBefore, double grossAft) {
    return Contexts.of(100, T0, T0, 1000, before, after, grossBefore, grossAft);
  }

  private static OrderContext ctx(double equity) {
    return Contexts.of(100, T0, T0, equity, 0, 100, 0, 100);
  }

  private static String rule(Optional<PreTradeGuard.Rejection> r) {
    return r.map(PreTradeGuard.Rejection::rule).orElse("pass");
  }

  private static PortfolioReading reading(long t, double equity, double largest) {
    return new PortfolioReading(
        t, equity, largest, 0, largest, largest > 0 ? "BTC/USDT:USDT" : null);
  }

  // ---------------------------------------------------------------- limits

  @Test
  void maxPositionPct_atLimitPasses_justOverRejects_reducingPasses() {
    RiskEngine e = engine();
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(100, 200, 100, 200)))).isEqualTo("pass");
    var r = e.check(buy("1.01"), BTC_I, ctx(100, 201, 100, 201));
    assertThat(rule(r)).isEqualTo("max_position_pct");
    assertThat(r.get().reason()).contains("BTC/USDT:USDT").contains("20.10%").contains("20.00%");
    // a short that flips a 300 long to −250: smaller in absolute terms, not reduce-only, passes
    var flip = order(BTC, OrderSide.SELL, "5.50", false);
    assertThat(rule(e.check(flip, BTC_I, ctx(300, -250, 300, 250)))).isEqualTo("max_order_value");
    var small = order(BTC, OrderSide.SELL, "0.50", false);
    assertThat(rule(e.check(small, BTC_I, ctx(300, 250, 300, 250)))).isEqualTo("pass");
    // short side counts by absolute value
    var shortOver = order(BTC, OrderSide.SELL, "2.10", false);
    assertThat(rule(e.check(shortOver, BTC_I, ctx(0, -210, 0, 210)))).isEqualTo("max_position_pct");
  }

  @Test
  void maxTotalExposure_atLimitPasses_justOverRejects_onlyWhenGrossGrows() {
    RiskEngine e = engine();
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 900, 1000)))).isEqualTo("pass");
    var r = e.check(buy("1.01"), BTC_I, ctx(0, 101, 900, 1001));
    assertThat(rule(r)).isEqualTo("max_total_exposure");
    assertThat(r.get().reason()).contains("1.0010x").contains("1.0000x");
    // gross already above the limit but the order lowers it
    var sell = order(BTC, OrderSide.SELL, "1.00", false);
    assertThat(rule(e.check(sell, BTC_I, ctx(150, 50, 1500, 1400)))).isEqualTo("pass");
  }

  @Test
  void maxOrderValue_atLimitPasses_justOverRejects() {
    RiskEngine e = engine(limits().withBlacklist(Set.of()), CircuitBreakers.off(), store());
    var wide = Contexts.of(100, T0, T0, 10_000, 0, 500, 0, 500);
    assertThat(rule(e.check(buy("5.00"), BTC_I, wide))).isEqualTo("pass");
    var wider = Contexts.of(100, T0, T0, 10_000, 0, 501, 0, 501);
    var r = e.check(buy("5.01"), BTC_I, wider);
    assertThat(rule(r)).isEqualTo("max_order_value");
    assertThat(r.get().reason()).contains("501.0000").contains("500.0000");
  }

  @Test
  void minBalanceReserve_belowRejects_atPasses_noEquityRejects() {
    RiskEngine e = engine(noPositionLimits(), CircuitBreakers.off(), store());
    assertThat(rule(e.check(buy("0.10"), BTC_I, ctx(100)))).isEqualTo("pass");
    var r = e.check(buy("0.10"), BTC_I, ctx(99.99));
    assertThat(rule(r)).isEqualTo("min_balance_reserve");
    assertThat(r.get().reason()).contains("99.9900").contains("100.0000");
    RiskEngine noReserve =
        engine(
            new RiskLimits(10, 10, 0.3, 0, 0, 1e9, Set.of(), true), CircuitBreakers.off(), store());
    assertThat(rule(noReserve.check(buy("0.10"), BTC_I, ctx(0)))).isEqualTo("min_balance_reserve");
    assertThat(rule(noReserve.check(buy("0.10"), BTC_I, ctx(-5)))).isEqualTo("min_balance_reserve");
  }

  @Test
  void minBalanceR_belowRejects() {
    var b = new CircuitBreakers(0, 0, 50, false, 0, 0, 0, 0, 3, 0, 0); // 150 USDT
    RiskEngine e = engine(noPositionLimits(), b, store());
    assertThat(rule(e.check(buy("0.10"), BTC_I, ctx(150)))).isEqualTo("pass");
    assertThat(rule(e.check(buy("0.10"), BTC_I, ctx(149)))).isEqualTo("min_balance_r");
  }

  @Test
  void maxDailyTurnover_accumulatesPassedOrders_resetsNextUtcDay() {
    // 3x of 1000 = 3000 per day; 5 orders of 500 pass (2500), the 6th of 500 would be 3000 (ok),
    // the 7th rejected
    RiskEngine e = engine(new RiskLimits(10, 10, 0.3, 0, 500, 3.0, Set.of(), true), off(), store());
    e.observe(reading(T0, 1000, 0));
    for (int i = 0; i < 6; i++) {
      assertThat(rule(e.check(buy("5.00"), BTC_I, ctx(0, 500, 0, 500)))).isEqualTo("pass");
    }
    var r = e.check(buy("0.10"), BTC_I, ctx(0, 10, 0, 10));
    assertThat(rule(r)).isEqualTo("max_daily_turnover");
    assertThat(r.get().reason()).contains("3.0100x");
    // a rejected order does not count; reduce-only orders pass and count
    var close = order(BTC, OrderSide.SELL, "1.00", true);
    assertThat(rule(e.check(close, BTC_I, ctx(100, 0, 100, 0)))).isEqualTo("pass");
    assertThat(e.exportState()).containsEntry("risk_day_turnover", "3100.0");
    // next UTC day: the counter restarts against the new opening equity
    long next = DAY0 + Times.DAY_MS + MIN;
    e.observe(reading(next, 2000, 0));
    var tomorrow = Contexts.of(100, next, next, 2000, 0, 500, 0, 500);
    for (int i = 0; i < 12; i++) {
      assertThat(rule(e.check(buy("5.00"), BTC_I, tomorrow))).isEqualTo("pass");
    }
    assertThat(rule(e.check(buy("0.10"), BTC_I, tomorrow))).isEqualTo("max_daily_turnover");
  }

  @Test
  void blacklist_rejectsOpeningAndIncreasing_allowsReduceOnly() {
    RiskEngine e = engine(limits().withBlacklist(Set.of(BTC)), off(), store());
    var r = e.check(buy("0.10"), BTC_I, ctx(0, 10, 0, 10));
    assertThat(rule(r)).isEqualTo("blacklist");
    assertThat(r.get().reason()).contains("BTC/USDT:USDT");
    var close = order(BTC, OrderSide.SELL, "0.10", true);
    assertThat(rule(e.check(close, BTC_I, ctx(10, 0, 10, 0)))).isEqualTo("pass");
    assertThat(rule(e.check(order(ETH, OrderSide.BUY, "0.10", false), ETH_I, ctx(0, 10, 0, 10))))
        .isEqualTo("pass");
  }

  /** Documented exemption: reduce-only orders skip every limit, halt and the min notional. */
  @Test
  void reduceOnly_isExemptFromLimitsHaltsAndMinNotional() {
    RiskEngine e = engine();
    e.observe(reading(T0, 1000, 0));
    e.observe(reading(T0 + MIN, 500, 0)); // 50 % drawdown: halted
    assertThat(e.haltReason(T0 + MIN)).contains("max_drawdown_halt");
    var huge = order(BTC, OrderSide.SELL, "20.00", true); // 2000 > max order value 500
    assertThat(rule(e.check(huge, BTC_I, Contexts.of(100, T0, T0, 50, 3000, 1000, 5000, 3000))))
        .isEqualTo("pass");
    var dust = order(BTC, OrderSide.SELL, "0.01", true); // 1 USDT < 5 USDT min notional
    assertThat(rule(e.check(dust, BTC_I, ctx(10, 9, 10, 9)))).isEqualTo("pass");
    assertThat(rule(e.check(order(BTC, OrderSide.SELL, "0.01", false), BTC_I, ctx(10, 9, 10, 9))))
        .isEqualTo("min_notional");
  }

  @Test
  void stepSize_andNoPrice_areAlwaysChecked() {
    RiskEngine e = RiskEngine.unlimited();
    assertThat(rule(e.check(buy("1.005"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("step_size");
    assertThat(rule(e.check(order(BTC, OrderSide.SELL, "1.005", true), BTC_I, ctx(100, 0, 100, 0))))
        .isEqualTo("step_size");
    var noPrice = Contexts.of(Double.NaN, T0, T0, 1000, 0, 0, 0, 0);
    assertThat(rule(e.check(buy("1.00"), BTC_I, noPrice))).isEqualTo("no_price");
  }

  // ---------------------------------------------------------------- order of checks

  private static final List<String> ORDER =
      List.of(
          "emergency_stop",
          "symbol_disabled",
          "step_size",
          "market_data_stale",
          "venue_unreachable",
          "blacklist",
          "max_drawdown_halt",
          "min_balance_reserve",
          "max_order_value",
          "max_position_pct",
          "max_total_exposure",
          "max_daily_turnover",
          "pass");

  /** With every rule from {@code from} on violated, the first of them is the one named. */
  @Test
  void checks_runInTheDocumentedOrder() {
    for (int from = 0; from < ORDER.size(); from++) {
      final int f = from;
      java.util.function.IntPredicate v = k -> k >= f;
      RiskLimits l =
          new RiskLimits(0.2, 1.0, 0.3, 100, 500, 3.0, v.test(5) ? Set.of(BTC) : Set.of(), true);
      RiskEngine e = engine(l, breakers(0, 0, 0, 0, 30_000, 7_200_000), store());
      if (v.test(0)) {
        e.emergencyStop("test", "ops");
      }
      if (v.test(1)) {
        e.setSymbolEnabled(BTC, false, "test", "ops");
      }
      if (v.test(4)) {
        e.venueReachable(false, T0 - 60_000);
      }
      Map<String, String> state = new HashMap<>();
      state.put("risk_day", Long.toString(Math.floorDiv(T0, Times.DAY_MS)));
      state.put("risk_day_start_equity", "1000.0");
      state.put("risk_day_turnover", v.test(11) ? "2950.0" : "0.0");
      state.put("risk_drawdown_halted", Boolean.toString(v.test(6)));
      e.restoreState(state);
      String qty = v.test(2) ? "1.005" : v.test(8) ? "6.00" : "1.00";
      long markTime = v.test(3) ? T0 - 7_200_001 : T0 - 7_200_000;
      double equity = v.test(7) ? 99 : 1000;
      double after = v.test(9) ? 300 : 100;
      double grossAfter = v.test(10) ? 1500 : 500;
      var c = Contexts.of(100, markTime, T0, equity, 50, after, 450, grossAfter);
      assertThat(rule(e.check(buy(qty), BTC_I, c)))
          .as("violations from " + from)
          .isEqualTo(ORDER.get(from));
    }
  }

  // ---------------------------------------------------------------- operator controls

  @Test
  void emergencyStop_bindsEvenWhenTheDatabaseIsDown_andResumeKeepsItWhenItCannotPersist() {
    InMemoryRiskStore healthy = store();
    boolean[] down = {false};
    FlakyStore flaky = new FlakyStore(healthy, down);
    RiskEngine e = RiskEngine.open(RiskConfig.defaults(), flaky, () -> T0);
    down[0] = true;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.emergencyStop("outage", "ops"))
        .hasMessageContaining("unreachable");
    assertThat(e.emergencyStopped()).as("stopped in memory although not persisted").isTrue();
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("emergency_stop");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.resume("ok", "ops"))
        .hasMessageContaining("unreachable");
    assertThat(e.emergencyStopped())
        .as("a resume that could not be persisted does not resume")
        .isTrue();
    down[0] = false;
    e.resume("ok", "ops");
    assertThat(e.emergencyStopped()).isFalse();
    assertThat(healthy.loadEmergencyStop().orElseThrow().active()).isFalse();
  }

  /**
   * One clock per alert list: the operator acts at wall time T0 + 1 day while the replay is at T0;
   * the emergency-stop alert, its resolution and the risk events carry kernel time like every other
   * alert, and the stop record keeps the wall time. Before any kernel step the alert waits for the
   * first kernel time.
   */
  @Test
  void operatorAlerts_carryKernelTime_notWallTime() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), off(), store);
    wall[0] = T0 + Times.DAY_MS;
    e.observe(reading(T0, 1000, 0));
    EmergencyStop stop = e.emergencyStop("runaway", "alice");
    assertThat(stop.changedAtMs()).isEqualTo(T0 + Times.DAY_MS);
    e.observe(reading(T0 + Times.HOUR_MS, 1000, 0));
    e.resume("fixed", "bob");
    Alert a = store.alerts(null, 0, 1, 10).items().get(0);
    assertThat(a.ruleName()).isEqualTo("emergency_stop");
    assertThat(a.raisedAtMs()).isEqualTo(T0);
    assertThat(a.resolvedAtMs()).isEqualTo(T0 + Times.HOUR_MS);
    assertThat(store.events(10)).allSatisfy(ev -> assertThat(ev.timeMs()).isLessThan(wall[0]));

    InMemoryRiskStore fresh = store();
    RiskEngine beforeFirstStep = engine(limits(), off(), fresh);
    beforeFirstStep.emergencyStop("drill", "alice");
    assertThat(beforeFirstStep.emergencyStopped()).isTrue(); // binds at once
    assertThat(fresh.alerts(null, 0, 1, 10).items()).isEmpty();
    beforeFirstStep.observe(reading(T0 + 2 * Times.HOUR_MS, 1000, 0));
    assertThat(fresh.alerts(null, 0, 1, 10).items())
        .singleElement()
        .satisfies(x -> assertThat(x.raisedAtMs()).isEqualTo(T0 + 2 * Times.HOUR_MS));
  }

  @Test
  void emergencyStop_blocksEverything_persists_alerts_resumeLiftsIt() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), off(), store);
    e.observe(reading(T0, 1000, 0));
    EmergencyStop stop = e.emergencyStop("runaway", "alice");
    assertThat(stop.active()).isTrue();
    var r = e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100));
    assertThat(rule(r)).isEqualTo("emergency_stop");
    assertThat(r.get().reason()).contains("alice").contains("runaway");
    assertThat(rule(e.check(order(BTC, OrderSide.SELL, "1.00", true), BTC_I, ctx(100, 0, 100, 0))))
        .as("reduce-only too")
        .isEqualTo("emergency_stop");
    assertThat(e.haltReason(T0)).contains("emergency_stop");
    assertThat(e.emergencyStopped()).isTrue();
    assertThat(store.loadEmergencyStop()).contains(stop);
    assertThat(store.activeAlerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.ruleName()).isEqualTo("emergency_stop");
              assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
            });
    assertThat(store.events(10)).extracting(RiskEvent::kind).contains("emergency_stop");
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.HALTED);
    assertThat(e.status().tradingEnabled()).isFalse();
    assertThat(e.status().haltReasons()).containsExactly("emergency_stop");

    e.observe(reading(T0 + MIN, 1000, 0)); // the next kernel step; resolved at kernel time
    wall[0] = T0 + 5 * MIN;
    e.resume("fixed", "bob");
    assertThat(e.emergencyStopped()).isFalse();
    assertThat(store.loadEmergencyStop().orElseThrow().active()).isFalse();
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("pass");
    assertThat(store.activeAlerts()).isEmpty();
    assertThat(store.alerts(null, 0, 1, 10).items())
        .singleElement()
        .satisfies(a -> assertThat(a.resolvedAtMs()).isEqualTo(T0 + MIN));
    assertThat(store.events(10)).extracting(RiskEvent::kind).contains("resumed");
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.NORMAL);
  }

  @Test
  void symbolDisabled_rejectsEvenReduceOnly_otherSymbolsTrade_enableRestores() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), off(), store);
    e.setSymbolEnabled(BTC, false, "delisting", "alice");
    var r = e.check(order(BTC, OrderSide.SELL, "1.00", true), BTC_I, ctx(100, 0, 100, 0));
    assertThat(rule(r)).isEqualTo("symbol_disabled");
    assertThat(r.get().reason()).contains("BTC/USDT:USDT").contains("alice").contains("delisting");
    assertThat(rule(e.check(order(ETH, OrderSide.BUY, "1.00", false), ETH_I, ctx(0, 100, 0, 100))))
        .isEqualTo("pass");
    assertThat(e.haltReason(T0)).as("disabling a symbol does not halt").isEmpty();
    assertThat(e.status().disabledSymbols()).containsExactly("BTC/USDT:USDT");
    assertThat(store.loadSymbolControls()).singleElement().matches(c -> !c.tradingEnabled());
    e.setSymbolEnabled(BTC, true, "relisted", "bob");
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("pass");
    assertThat(e.status().disabledSymbols()).isEmpty();
    assertThat(store.events(10))
        .extracting(RiskEvent::kind)
        .contains("symbol_disabled", "symbol_enabled");
  }

  // ---------------------------------------------------------------- data and venue breakers

  @Test
  void staleMarketData_blocksBeyondTheLimit_evenReduceOnly() {
    RiskEngine e = engine(limits(), breakers(0, 0, 0, 0, 0, 60_000), store());
    var fresh = Contexts.of(100, T0 - 60_000, T0, 1000, 0, 100, 0, 100);
    var stale = Contexts.of(100, T0 - 60_001, T0, 1000, 0, 100, 0, 100);
    assertThat(rule(e.check(buy("1.00"), BTC_I, fresh))).isEqualTo("pass");
    assertThat(rule(e.check(buy("1.00"), BTC_I, stale))).isEqualTo("market_data_stale");
    var closeStale = Contexts.of(100, T0 - 60_001, T0, 1000, 100, 0, 100, 0);
    assertThat(rule(e.check(order(BTC, OrderSide.SELL, "1.00", true), BTC_I, closeStale)))
        .isEqualTo("market_data_stale");
  }

  @Test
  void staleMarketData_defaultsToTwiceTheBarInterval() {
    RiskEngine e = engine(limits(), breakers(0, 0, 0, 0, 0, 0), store());
    var old = Contexts.of(100, T0 - 7_200_001, T0, 1000, 0, 100, 0, 100);
    assertThat(rule(e.check(buy("1.00"), BTC_I, old))).as("no bar interval: off").isEqualTo("pass");
    e.useBarInterval(Times.HOUR_MS);
    assertThat(rule(e.check(buy("1.00"), BTC_I, old))).isEqualTo("market_data_stale");
    var ok = Contexts.of(100, T0 - 7_200_000, T0, 1000, 0, 100, 0, 100);
    assertThat(rule(e.check(buy("1.00"), BTC_I, ok))).isEqualTo("pass");
  }

  @Test
  void venueUnreachable_blocksOnceDownForTheThreshold_recoveryLifts() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), breakers(0, 0, 0, 0, 30_000, 0), store);
    long down = T0 - 30_000;
    e.venueReachable(false, down + 1);
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("pass");
    assertThat(e.haltReason(T0)).isEmpty();
    e.venueReachable(false, down + 5_000); // still down: the first failure time counts
    RiskEngine e2 = engine(limits(), breakers(0, 0, 0, 0, 30_000, 0), store());
    e2.venueReachable(false, down);
    assertThat(rule(e2.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100))))
        .isEqualTo("venue_unreachable");
    assertThat(rule(e2.check(order(BTC, OrderSide.SELL, "1.00", true), BTC_I, ctx(100, 0, 100, 0))))
        .isEqualTo("venue_unreachable");
    assertThat(e2.haltReason(T0)).contains("venue_unreachable");
    e2.venueReachable(true, T0);
    assertThat(rule(e2.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("pass");
    assertThat(e2.store().events(10))
        .extracting(RiskEvent::kind)
        .containsExactly("venue_recovered", "venue_unreachable");
    assertThat(store.events(10)).extracting(RiskEvent::kind).containsExactly("venue_unreachable");
  }

  // ---------------------------------------------------------------- breakers

  @Test
  void drawdownHalt_latchesUntilResume_thenPeakRestarts() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), off(), store);
    e.observe(reading(T0, 1000, 0));
    e.observe(reading(T0 + MIN, 710, 0)); // 29 %
    assertThat(e.haltReason(T0 + MIN)).isEmpty();
    e.observe(reading(T0 + 2 * MIN, 690, 0)); // 31 %
    assertThat(e.haltReason(T0 + 2 * MIN)).contains("max_drawdown_halt");
    e.observe(reading(T0 + 3 * MIN, 1000, 0)); // recovered: still latched
    assertThat(e.haltReason(T0 + 3 * MIN)).contains("max_drawdown_halt");
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100))))
        .isEqualTo("max_drawdown_halt");
    var reduce = order(BTC, OrderSide.SELL, "1.00", false); // not flagged, but reduces
    assertThat(rule(e.check(reduce, BTC_I, ctx(150, 50, 150, 50)))).isEqualTo("pass");
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.HALTED);
    assertThat(status(e, "max_drawdown_halt").level()).isEqualTo(RuleStatus.Level.VIOLATED);
    assertThat(store.events(10))
        .filteredOn(x -> x.kind().equals("breaker_tripped"))
        .singleElement()
        .matches(x -> x.rule().equals("max_drawdown_halt"));
    e.resume("ok", "ops");
    assertThat(e.haltReason(T0 + 3 * MIN)).isEmpty();
    e.observe(reading(T0 + 4 * MIN, 750, 0)); // 25 % below the new peak (1000)
    assertThat(e.haltReason(T0 + 4 * MIN)).isEmpty();
    e.observe(reading(T0 + 5 * MIN, 690, 0));
    assertThat(e.haltReason(T0 + 5 * MIN)).contains("max_drawdown_halt");
  }

  @Test
  void dailyLossPct_haltsForTheDay_resetsAtTheNextUtcDay_andAsksToCloseAll() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), breakers(0.05, 0, 0, 0, 0, 0), store);
    e.observe(reading(T0, 1000, 0));
    e.observe(reading(T0 + MIN, 951, 0));
    assertThat(e.haltReason(T0 + MIN)).isEmpty();
    assertThat(e.takeCloseAll()).isFalse();
    e.observe(reading(T0 + 2 * MIN, 949, 0));
    assertThat(e.haltReason(T0 + 2 * MIN)).contains("daily_loss");
    assertThat(e.takeCloseAll()).isTrue();
    assertThat(e.takeCloseAll()).as("only once").isFalse();
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100)))).isEqualTo("daily_loss");
    e.observe(reading(T0 + 3 * MIN, 1000, 0));
    assertThat(e.haltReason(T0 + 3 * MIN)).as("latched for the day").contains("daily_loss");
    long tomorrow = DAY0 + Times.DAY_MS;
    e.observe(reading(tomorrow - 1, 1000, 0));
    assertThat(e.haltReason(tomorrow - 1)).contains("daily_loss");
    e.observe(reading(tomorrow, 900, 0)); // new day: opening equity 900
    assertThat(e.haltReason(tomorrow)).isEmpty();
    e.observe(reading(tomorrow + MIN, 856, 0));
    assertThat(e.haltReason(tomorrow + MIN)).isEmpty();
    e.observe(reading(tomorrow + 2 * MIN, 854, 0)); // 5.1 % of 900
    assertThat(e.haltReason(tomorrow + 2 * MIN)).contains("daily_loss");
    assertThat(store.events(20))
        .extracting(RiskEvent::kind)
        .containsSubsequence("breaker_tripped", "breaker_reset", "breaker_tripped");
  }

  @Test
  void dailyLossR_haltsAtNTimesTheRiskUnit_resetsNextDay() {
    RiskEngine e = engine(limits(), breakers(0, 2, 20, 0, 0, 0), store()); // 40 USDT
    e.observe(reading(T0, 1000, 0));
    e.observe(reading(T0 + MIN, 961, 0));
    assertThat(e.haltReason(T0 + MIN)).isEmpty();
    e.observe(reading(T0 + 2 * MIN, 960, 0));
    assertThat(e.haltReason(T0 + 2 * MIN)).contains("daily_loss");
    long tomorrow = DAY0 + Times.DAY_MS;
    e.observe(reading(tomorrow, 960, 0));
    assertThat(e.haltReason(tomorrow)).isEmpty();
  }

  @Test
  void consecutiveLosses_pauseForThePeriod_winsResetTheStreak() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), breakers(0, 0, 0, 3, 0, 0), store);
    e.onRealized(BTC, Money.of(-1), true, T0);
    e.onRealized(BTC, Money.of(-1), true, T0);
    e.onRealized(ETH, Money.of(-5), false, T0); // partial loss, then a larger win: a winning trade
    e.onRealized(ETH, Money.of(10), true, T0);
    e.onRealized(BTC, Money.of(-1), true, T0);
    e.onRealized(BTC, Money.of(-1), true, T0);
    assertThat(e.haltReason(T0)).isEmpty();
    e.onRealized(BTC, Money.of(2), false, T0); // partial win then larger loss: a losing trade
    e.onRealized(BTC, Money.of(-3), true, T0 + MIN);
    assertThat(e.haltReason(T0 + MIN)).contains("consecutive_losses");
    assertThat(rule(e.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100))))
        .isEqualTo("consecutive_losses");
    assertThat(e.haltReason(T0 + 61 * MIN - 1)).contains("consecutive_losses");
    assertThat(e.haltReason(T0 + 61 * MIN)).isEmpty();
    var later = Contexts.of(100, T0 + 61 * MIN, T0 + 61 * MIN, 1000, 0, 100, 0, 100);
    assertThat(rule(e.check(buy("1.00"), BTC_I, later))).isEqualTo("pass");
    assertThat(store.events(10))
        .filteredOn(x -> x.kind().equals("breaker_tripped"))
        .singleElement()
        .matches(x -> x.rule().equals("consecutive_losses"));
    // the streak restarted: two more losses do not pause again
    e.onRealized(BTC, Money.of(-1), true, T0 + 62 * MIN);
    e.onRealized(BTC, Money.of(-1), true, T0 + 62 * MIN);
    assertThat(e.haltReason(T0 + 62 * MIN)).isEmpty();
  }

  @Test
  void holdingTime_warnsThenForcesClose_alertsDeduplicatedAndResolved() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), breakers(0, 0, 0, 0, 0, 0), store); // warn 60, close 120
    assertThat(e.watchesHoldingTime()).isTrue();
    assertThat(e.holdingTooLong(BTC, 60 * MIN, T0)).isFalse();
    assertThat(store.activeAlerts()).isEmpty();
    assertThat(e.holdingTooLong(BTC, 61 * MIN, T0 + MIN)).isFalse();
    assertThat(e.holdingTooLong(BTC, 90 * MIN, T0 + 30 * MIN)).isFalse();
    assertThat(store.activeAlerts())
        .singleElement()
        .matches(a -> a.severity() == AlertSeverity.WARNING && "BTC/USDT:USDT".equals(a.symbol()));
    assertThat(e.holdingTooLong(BTC, 121 * MIN, T0 + 61 * MIN)).isTrue();
    assertThat(e.holdingTooLong(BTC, 122 * MIN, T0 + 62 * MIN)).isTrue();
    assertThat(store.activeAlerts())
        .singleElement()
        .matches(a -> a.severity() == AlertSeverity.CRITICAL && a.raisedAtMs() == T0 + 61 * MIN);
    assertThat(store.alerts(null, 0, 1, 10).totalItems()).isEqualTo(2);
    assertThat(store.events(10)).extracting(RiskEvent::kind).contains("forced_close");
    e.positionClosed(BTC, T0 + 70 * MIN);
    assertThat(store.activeAlerts()).isEmpty();
    assertThat(store.alerts(null, 0, 1, 10).items()).allMatch(Alert::resolved);
    // a warning clears by itself once the holding time is back under the limit
    e.holdingTooLong(ETH, 61 * MIN, T0 + 80 * MIN);
    assertThat(store.activeAlerts()).hasSize(1);
    e.holdingTooLong(ETH, 10 * MIN, T0 + 81 * MIN);
    assertThat(store.activeAlerts()).isEmpty();
  }

  // ---------------------------------------------------------------- statuses and alerts

  @Test
  void ruleStatuses_andOverall_normalWarningHalted_withWorstSymbol() {
    RiskEngine e = engine();
    e.observe(new PortfolioReading(T0, 1000, 300, 200, 100, "ETH/USDT:USDT"));
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.NORMAL);
    assertThat(status(e, "max_position_pct").currentValue()).isCloseTo(0.1, within(1e-12));
    assertThat(status(e, "max_position_pct").worstSymbol()).isEqualTo("ETH/USDT:USDT");
    assertThat(status(e, "max_total_exposure").currentValue()).isCloseTo(0.5, within(1e-12));
    assertThat(status(e, "max_total_exposure").detail()).isEqualTo("long=0.30, short=0.20");
    e.observe(new PortfolioReading(T0 + MIN, 1000, 300, 200, 170, "BTC/USDT:USDT"));
    assertThat(status(e, "max_position_pct").level()).isEqualTo(RuleStatus.Level.WARNING);
    assertThat(status(e, "max_position_pct").worstSymbol()).isEqualTo("BTC/USDT:USDT");
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.WARNING);
    assertThat(e.status().tradingEnabled()).isTrue();
    e.observe(new PortfolioReading(T0 + 2 * MIN, 1000, 700, 400, 250, "BTC/USDT:USDT"));
    assertThat(status(e, "max_position_pct").level()).isEqualTo(RuleStatus.Level.VIOLATED);
    assertThat(status(e, "max_total_exposure").level()).isEqualTo(RuleStatus.Level.VIOLATED);
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.WARNING);
    e.observe(new PortfolioReading(T0 + 3 * MIN, 90, 0, 0, 0, null));
    assertThat(status(e, "min_balance_reserve").level()).isEqualTo(RuleStatus.Level.VIOLATED);
    assertThat(status(e, "max_drawdown_halt").level()).isEqualTo(RuleStatus.Level.VIOLATED);
    assertThat(e.status().overall()).isEqualTo(RiskStatus.Overall.HALTED);
    assertThat(e.status().haltReasons()).containsExactly("max_drawdown_halt");
    assertThat(e.status().lastCheckMs()).isEqualTo(T0 + 3 * MIN);
  }

  @Test
  void alerts_deduplicatedWhileTheConditionPersists_resolvedWhenItClears() {
    InMemoryRiskStore store = store();
    RiskEngine e = engine(limits(), off(), store);
    e.observe(reading(T0, 1000, 170)); // 17 % of 20 %: warning
    e.observe(reading(T0 + MIN, 1000, 175));
    e.observe(reading(T0 + 2 * MIN, 1000, 180));
    assertThat(store.alerts(null, 0, 1, 10).totalItems()).isEqualTo(1);
    Alert warning = store.activeAlerts().get(0);
    assertThat(warning.ruleName()).isEqualTo("max_position_pct");
    assertThat(warning.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(warning.currentValue()).isEqualTo(0.17);
    assertThat(warning.threshold()).isEqualTo(0.2);
    assertThat(warning.raisedAtMs()).isEqualTo(T0);
    e.observe(reading(T0 + 3 * MIN, 1000, 100)); // clears
    assertThat(store.activeAlerts()).isEmpty();
    assertThat(store.alerts(null, 0, 1, 10).items())
        .singleElement()
        .matches(a -> a.resolvedAtMs() == T0 + 3 * MIN);
    e.observe(reading(T0 + 4 * MIN, 1000, 250)); // violated: a new critical alert
    e.observe(reading(T0 + 5 * MIN, 1000, 260));
    assertThat(store.activeAlerts())
        .singleElement()
        .matches(a -> a.severity() == AlertSeverity.CRITICAL && a.raisedAtMs() == T0 + 4 * MIN);
    e.observe(reading(T0 + 6 * MIN, 1000, 170)); // back to warning: critical resolved, new warning
    assertThat(store.activeAlerts())
        .singleElement()
        .matches(a -> a.severity() == AlertSeverity.WARNING && a.raisedAtMs() == T0 + 6 * MIN);
    assertThat(store.alerts(null, 0, 1, 10).totalItems()).isEqualTo(3);
    assertThat(store.alerts(AlertSeverity.CRITICAL, 0, 1, 10).items())
        .singleElement()
        .matches(a -> a.resolvedAtMs() == T0 + 6 * MIN);
  }

  // ---------------------------------------------------------------- persistence

  @Test
  void exportState_restoreState_roundTrip_behavesTheSame() {
    RiskEngine a = engine(limits(), breakers(0.05, 0, 0, 2, 0, 0), store());
    a.observe(reading(T0, 1000, 0));
    a.check(buy("2.00"), BTC_I, ctx(0, 200, 0, 200));
    a.onRealized(BTC, Money.of(-1), true, T0);
    a.observe(reading(T0 + MIN, 1200, 0));
    a.observe(reading(T0 + 2 * MIN, 1100, 0));
    Map<String, String> saved = a.exportState();
    assertThat(saved)
        .containsEntry("risk_peak_equity", "1200.0")
        .containsEntry("risk_day_start_equity", "1000.0")
        .containsEntry("risk_day_turnover", "200.0")
        .containsEntry("risk_loss_streak", "1")
        .containsEntry("risk_drawdown_halted", "false");
    RiskEngine b = engine(limits(), breakers(0.05, 0, 0, 2, 0, 0), store());
    b.restoreState(saved);
    assertThat(b.exportState()).isEqualTo(saved);
    // same future: one more loss pauses both, the drawdown from 1200 halts both
    for (RiskEngine e : List.of(a, b)) {
      e.onRealized(BTC, Money.of(-1), true, T0 + 3 * MIN);
      assertThat(e.haltReason(T0 + 3 * MIN)).contains("consecutive_losses");
      e.observe(reading(T0 + 4 * MIN, 830, 0));
      assertThat(e.haltReason(T0 + 4 * MIN)).contains("max_drawdown_halt");
    }
    assertThat(b.exportState()).isEqualTo(a.exportState());
    RiskEngine c = engine(limits(), breakers(0.05, 0, 0, 2, 0, 0), store());
    c.restoreState(a.exportState());
    assertThat(c.haltReason(T0 + 4 * MIN)).contains("max_drawdown_halt");
  }

  /** Restart: a new engine on the same store keeps the controls and the active alerts. */
  @Test
  void open_restoresControlsAndActiveAlerts() {
    InMemoryRiskStore store = store();
    RiskEngine before = engine(limits(), breakers(0, 0, 0, 0, 0, 0), store);
    before.observe(reading(T0, 1000, 170)); // max_position_pct warning
    before.holdingTooLong(ETH, 61 * MIN, T0); // holding warning on ETH
    before.setSymbolEnabled(BTC, false, "halted upstream", "alice");
    before.emergencyStop("restart drill", "alice");
    List<Alert> active = store.activeAlerts();
    assertThat(active).hasSize(3);

    RiskEngine after = engine(limits(), breakers(0, 0, 0, 0, 0, 0), store);
    assertThat(after.emergencyStopped()).isTrue();
    assertThat(after.disabledControl(BTC)).isPresent();
    assertThat(after.status().disabledSymbols()).containsExactly("BTC/USDT:USDT");
    assertThat(after.status().overall()).isEqualTo(RiskStatus.Overall.HALTED);
    assertThat(store.activeAlerts())
        .as("opening resolves nothing")
        .containsExactlyElementsOf(active);
    // the condition persists after the restart: still the same alert, not a second one
    after.observe(reading(T0 + MIN, 1000, 170));
    assertThat(store.alerts(null, 0, 1, 10).totalItems()).isEqualTo(3);
    after.resume("drill over", "bob");
    assertThat(rule(after.check(buy("1.00"), BTC_I, ctx(0, 100, 0, 100))))
        .isEqualTo("symbol_disabled");
    assertThat(
            rule(after.check(order(ETH, OrderSide.BUY, "1.00", false), ETH_I, ctx(0, 100, 0, 100))))
        .isEqualTo("pass");
    after.observe(reading(T0 + 2 * MIN, 1000, 10)); // clears: the restored alert resolves
    assertThat(store.activeAlerts()).extracting(Alert::ruleName).containsExactly("holding_time");
  }

  // ---------------------------------------------------------------- helpers

  private static RuleStatus status(RiskEngine e, String rule) {
    return e.status().rules().stream()
        .filter(r -> r.ruleName().equals(rule))
        .findFirst()
        .orElseThrow();
  }

  private static InMemoryRiskStore store() {
    return new InMemoryRiskStore();
  }

  private static CircuitBreakers off() {
    return CircuitBreakers.off();
  }

  private static RiskLimits noPositionLimits() {
    return new RiskLimits(10, 10, 0.3, 100, 0, 1e9, Set.of(), true);
  }

  /** A store whose emergency-stop writes fail while {@code down[0]} (a database outage). */
  private record FlakyStore(InMemoryRiskStore inner, boolean[] down) implements RiskStore {
    @Override
    public Optional<EmergencyStop> loadEmergencyStop() {
      return inner.loadEmergencyStop();
    }

    @Override
    public void saveEmergencyStop(EmergencyStop stop) {
      if (down[0]) {
        throw new IllegalStateException("database unreachable");
      }
      inner.saveEmergencyStop(stop);
    }

    @Override
    public List<SymbolControl> loadSymbolControls() {
      return inner.loadSymbolControls();
    }

    @Override
    public void saveSymbolControl(SymbolControl control) {
      inner.saveSymbolControl(control);
    }

    @Override
    public void saveAlert(Alert alert) {
      inner.saveAlert(alert);
    }

    @Override
    public List<Alert> activeAlerts() {
      return inner.activeAlerts();
    }

    @Override
    public AlertPage alerts(AlertSeverity severity, long sinceMs, int page, int pageSize) {
      return inner.alerts(severity, sinceMs, page, pageSize);
    }

    @Override
    public void recordEvent(RiskEvent event) {
      inner.recordEvent(event);
    }

    @Override
    public List<RiskEvent> events(int limit) {
      return inner.events(limit);
    }
  }
}
