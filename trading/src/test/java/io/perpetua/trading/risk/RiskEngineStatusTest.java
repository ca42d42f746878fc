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
}
