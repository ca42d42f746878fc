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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Alert identity and text ({@link RiskAlerts}), operator events, the precision filters at their
 * exact minimum and guard composition, and the display ratio's zero denominator.
 */
class RiskAlertsTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final long T0 = 1_700_042_400_000L;
  // tick 0.01, step 0.010, min notional 5 USDT
  private static final Instrument BTC_I =
      new Instrument(BTC, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));

  private static Order order(String qty, boolean reduceOnly) {
    return new Order(
        ClientOrderId.of("c1"),
        BTC,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse(qty, 3),
        null,
        reduceOnly,
        StrategyId.of("t"),
        null,
        0);
  }

  @Test
  void alertsOfOneRule_onePerSymbol_idFromRuleSymbolAndSeverity() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    RiskAlerts alerts = new RiskAlerts(store);
    alerts.raise(T0, AlertSeverity.WARNING, "holding_time", "BTC/USDT:USDT", "b", 1, 2);
    alerts.raise(T0, AlertSeverity.WARNING, "holding_time", "ETH/USDT:USDT", "e", 1, 2);
    alerts.raise(T0, AlertSeverity.CRITICAL, "venue_unreachable", null, "v", 0, 30);
    assertThat(store.activeAlerts())
        .extracting(Alert::alertId)
        .containsExactlyInAnyOrder(
            RiskAlerts.alertId(T0, "holding_time|BTC/USDT:USDT", AlertSeverity.WARNING),
            RiskAlerts.alertId(T0, "holding_time|ETH/USDT:USDT", AlertSeverity.WARNING),
            RiskAlerts.alertId(T0, "venue_unreachable", AlertSeverity.CRITICAL));
    assertThat(alerts.isActive("holding_time", "ETH/USDT:USDT")).isTrue();
    assertThat(alerts.isActive("venue_unreachable", null)).isTrue();
    assertThat(alerts.isActive("holding_time", null)).isFalse();
    assertThat(RiskAlerts.alertId(T0, "venue_unreachable", AlertSeverity.CRITICAL))
        .startsWith("alt-20231115-100000-")
        .hasSize("alt-20231115-100000-".length() + 6)
        .isNotEqualTo(RiskAlerts.alertId(T0, "venue_unreachable", AlertSeverity.WARNING));
  }

  @Test
  void followedRow_textSaysAtOrNearTheLimit() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    RiskAlerts alerts = new RiskAlerts(store);
    alerts.follow(new RuleStatus("r", "Gross", 1.2, 1.0, RuleStatus.Level.WARNING, null, null), T0);
    assertThat(store.activeAlerts().getFirst().message())
        .isEqualTo("Gross near limit: 1.0000 / 1.2000");
    alerts.follow(
        new RuleStatus("r", "Gross", 1.2, 1.25, RuleStatus.Level.VIOLATED, null, null), T0 + 1);
    Alert a = store.activeAlerts().getFirst();
    assertThat(a.message()).isEqualTo("Gross at limit: 1.2500 / 1.2000");
    assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
    alerts.follow(new RuleStatus("r", "Gross", 1.2, 0.1, RuleStatus.Level.OK, null, null), T0 + 2);
    assertThat(store.activeAlerts()).isEmpty();
  }

  @Test
  void symbolSwitches_recordEnabledOrDisabled() {
    RiskEngine e = RiskEngine.open(RiskConfig.unlimited(), new InMemoryRiskStore(), () -> T0);
    e.observe(new PortfolioReading(T0, 1000, 0, 0, 0, null));
    e.setSymbolEnabled(ETH, false, "halt", "ops");
    assertThat(e.store().events(1).getFirst())
        .isEqualTo(
            new RiskEvent(T0, "symbol_disabled", "symbol_disabled", "ETH/USDT:USDT", "ops: halt"));
    assertThat(e.disabledControl(ETH)).isPresent();
    e.setSymbolEnabled(ETH, true, "back", "ops");
    assertThat(e.store().events(10).stream().map(RiskEvent::kind))
        .containsExactlyInAnyOrder("symbol_disabled", "symbol_enabled");
    assertThat(e.disabledControl(ETH)).isEmpty();
  }

  @Test
  void precisionFilters_notionalExactlyAtTheMinimumPasses() {
    PreTradeGuard p = PreTradeGuard.precisionFilters();
    OrderContext at100 = Contexts.of(100, T0, T0, 1000, 0, 5, 0, 5);
    assertThat(p.check(order("0.050", false), BTC_I, at100)).isEmpty(); // 5.00 = minimum
    assertThat(p.check(order("0.040", false), BTC_I, at100).orElseThrow().rule())
        .isEqualTo("min_notional");
    assertThat(p.check(order("0.040", true), BTC_I, at100)).isEmpty(); // reduce-only: no minimum
    assertThat(p.check(order("0.055", false), BTC_I, at100).orElseThrow().rule())
        .isEqualTo("step_size");
  }

  @Test
  void andThen_firstRejectionWins_elseTheNextDecides() {
    PreTradeGuard pass = (o, i, c) -> Optional.empty();
    PreTradeGuard no = (o, i, c) -> Optional.of(new PreTradeGuard.Rejection("no", "x"));
    PreTradeGuard other = (o, i, c) -> Optional.of(new PreTradeGuard.Rejection("other", "y"));
    OrderContext ctx = Contexts.of(100, T0, T0, 1000, 0, 5, 0, 5);
    assertThat(pass.andThen(pass).check(order("0.050", false), BTC_I, ctx)).isEmpty();
    assertThat(pass.andThen(no).check(order("0.050", false), BTC_I, ctx).orElseThrow().rule())
        .isEqualTo("no");
    assertThat(no.andThen(other).check(order("0.050", false), BTC_I, ctx).orElseThrow().rule())
        .isEqualTo("no");
  }

  @Test
  void ratio_zeroOrNegativeDenominatorShowsZero() {
    assertThat(RiskText.ratio(Money.of(5.0), Money.ZERO)).isZero();
    assertThat(RiskText.ratio(Money.of(5.0), Money.of(-1.0))).isZero();
    assertThat(RiskText.ratio(Money.of(5.0), null)).isZero();
    assertThat(RiskText.ratio(Money.of(5.0), Money.of(0.00000001))).isEqualTo(5e8);
  }

  @Test
  void venueOutage_criticalAlertWithTheConfiguredSeconds_resolvedWhenBack() {
    RiskEngine e =
        RiskEngine.open(
            new RiskConfig(
                RiskLimits.unlimited(),
                new CircuitBreakers(0, 0, 0, false, 0, 0, 30_000, 0, 0, 0, 0),
                0.8),
            new InMemoryRiskStore(),
            () -> T0);
    e.venueReachable(false, T0);
    e.venueReachable(false, T0 + 1); // still down: no second event
    Alert a = e.store().activeAlerts().getFirst();
    assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(a.message()).isEqualTo("venue unreachable: no new orders after 30 s");
    assertThat(a.threshold()).isEqualTo(30.0);
    assertThat(e.store().events(10))
        .extracting(RiskEvent::kind)
        .containsExactly("venue_unreachable");
    e.venueReachable(true, T0 + 2);
    assertThat(e.store().activeAlerts()).isEmpty();
    assertThat(e.store().events(10))
        .extracting(RiskEvent::kind)
        .containsExactly("venue_recovered", "venue_unreachable");
  }

  @Test
  void anOperatorActionBeforeAnyKernelTime_runsOnceAtTheFirst() {
    RiskEngine e = RiskEngine.open(RiskConfig.unlimited(), new InMemoryRiskStore(), () -> T0);
    e.emergencyStop("drill", "ops");
    assertThat(e.store().events(10)).isEmpty();
    e.observe(new PortfolioReading(T0 + 5, 1000, 0, 0, 0, null));
    e.observe(new PortfolioReading(T0 + 6, 1000, 0, 0, 0, null));
    assertThat(e.store().events(10))
        .containsExactly(
            new RiskEvent(T0 + 5, "emergency_stop", "emergency_stop", null, "ops: drill"));
  }

  @Test
  void orderContext_increasesOnlyWhenStrictlyLarger() {
    OrderContext same = Contexts.of(100, T0, T0, 1000, -50, 50, 80, 80);
    assertThat(same.increasesPosition()).isFalse(); // |-50| -> |50|
    assertThat(same.increasesGross()).isFalse();
    OrderContext more = Contexts.of(100, T0, T0, 1000, -50, 50.01, 80, 80.01);
    assertThat(more.increasesPosition()).isTrue();
    assertThat(more.increasesGross()).isTrue();
    OrderContext alone =
        OrderContext.standalone(Price.of(100, 2), T0, Money.of(1000.0), Money.of(-25.0));
    assertThat(alone)
        .isEqualTo(
            new OrderContext(
                Price.of(100, 2),
                T0,
                T0,
                Money.of(1000.0),
                Money.ZERO,
                Money.of(-25.0),
                Money.ZERO,
                Money.of(25.0)));
  }

  @Test
  void ruleStatusUpper_andWireCodes() {
    assertThat(RuleStatus.upper(1.0, 1.0, 0.8)).isEqualTo(RuleStatus.Level.VIOLATED);
    assertThat(RuleStatus.upper(0.8, 1.0, 0.8)).isEqualTo(RuleStatus.Level.WARNING);
    assertThat(RuleStatus.upper(0.79, 1.0, 0.8)).isEqualTo(RuleStatus.Level.OK);
    assertThat(RuleStatus.upper(0.9, 2.0, 0.5)).isEqualTo(RuleStatus.Level.OK); // 0.9 < 1.0
    assertThat(RuleStatus.upper(5, Double.POSITIVE_INFINITY, 0.8)).isEqualTo(RuleStatus.Level.OK);
    assertThat(RuleStatus.upper(Double.NaN, 1, 0.8)).isEqualTo(RuleStatus.Level.OK);
    assertThat(RuleStatus.Level.VIOLATED.code()).isEqualTo("violated");
    assertThat(RiskStatus.Overall.HALTED.code()).isEqualTo("halted");
    assertThat(AlertSeverity.WARNING.code()).isEqualTo("warning");
    assertThat(AlertSeverity.parse("critical")).isEqualTo(AlertSeverity.CRITICAL);
  }
}
