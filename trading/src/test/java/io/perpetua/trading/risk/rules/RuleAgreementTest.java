package io.perpetua.trading.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.risk.Exposure;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For every rule with a status row: at its threshold, one unit (1e-8 USDT, or one trade) below and
 * one above, the pre-trade check rejects exactly when the status says {@code violated}. Before the
 * rules had one comparison, the position, exposure and turnover statuses said "violated" at the
 * limit while the check let the order through.
 */
class RuleAgreementTest {
  private static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  private static final long T0 = 1_700_000_000_000L;
  private static final Fraction WARN = Fraction.ofLimit(0.8);
  private static final Money UNIT = new Money(1);
  private static final RiskEvents NO_EVENTS = (t, k, r, s, d) -> {};
  private final List<String> events = new ArrayList<>();
  private final RiskEvents recorded = (t, k, r, s, d) -> events.add(k + ":" + r);

  /** A buy whose notional at the mark 1 is {@code notional} exactly. */
  private static Order buy(Money notional) {
    return new Order(
        ClientOrderId.of("c1"),
        BTC,
        OrderSide.BUY,
        OrderType.MARKET,
        new Quantity(notional.raw(), Money.SCALE),
        null,
        false,
        StrategyId.of("s"),
        null,
        T0);
  }

  private static OrderContext ctx(Money equity, Money after, Money grossAfter) {
    return new OrderContext(
        new Price(100_000_000L, 8), T0, T0, equity, Money.ZERO, after, Money.ZERO, grossAfter);
  }

  private static Exposure reading(Money equity, Money longs, Money largest) {
    return new Exposure(
        T0, equity, longs, Money.ZERO, largest, largest.signum() > 0 ? "BTC" : null);
  }

  private static Money m(String text) {
    return Money.parse(text);
  }

  /** Asserts the expected outcome and that check and level agree. */
  private static void agree(boolean rejected, Level level, boolean expectRejected) {
    assertThat(rejected).isEqualTo(expectRejected);
    assertThat(level == Level.VIOLATED).as("status agrees with the check").isEqualTo(rejected);
  }

  @Test
  void maxPosition_checkAndStatusAgree_belowAtAbove() {
    MaxPositionRule rule = new MaxPositionRule(Fraction.ofLimit(0.2), WARN);
    Money equity = m("1000");
    Money limit = m("200");
    for (int d = -1; d <= 1; d++) {
      Money v = limit.plus(new Money(d));
      RiskBook book = new RiskBook(0);
      book.observe(reading(equity, v, v));
      boolean rejected = rule.check(buy(v), ctx(equity, v, v), book).isPresent();
      agree(rejected, rule.level(book), d > 0);
      assertThat(rule.status(book).orElseThrow().level()).isEqualTo(rule.level(book));
    }
  }

  @Test
  void maxExposure_checkAndStatusAgree_belowAtAbove() {
    MaxExposureRule rule = new MaxExposureRule(Fraction.ofLimit(1.2), WARN);
    Money equity = m("1000");
    Money limit = m("1200");
    for (int d = -1; d <= 1; d++) {
      Money v = limit.plus(new Money(d));
      RiskBook book = new RiskBook(0);
      book.observe(reading(equity, v, m("1")));
      boolean rejected = rule.check(buy(v), ctx(equity, m("1"), v), book).isPresent();
      agree(rejected, rule.level(book), d > 0);
      assertThat(rule.status(book).orElseThrow().level()).isEqualTo(rule.level(book));
    }
  }

  @Test
  void dailyTurnover_checkAndStatusAgree_belowAtAbove() {
    DailyTurnoverRule rule = new DailyTurnoverRule(Fraction.ofLimit(3.0), WARN, NO_EVENTS);
    Money equity = m("1000");
    Money limit = m("3000");
    for (int d = -1; d <= 1; d++) {
      Money v = limit.plus(new Money(d));
      RiskBook checked = new RiskBook(0);
      checked.rollDay(T0, equity, NO_EVENTS);
      checked.addTurnover(m("2500"));
      boolean rejected =
          rule.check(buy(v.minus(m("2500"))), ctx(equity, m("1"), m("1")), checked).isPresent();
      RiskBook reported = new RiskBook(0);
      reported.rollDay(T0, equity, NO_EVENTS);
      reported.addTurnover(v);
      agree(rejected, rule.level(reported), d > 0);
    }
  }

  @Test
  void minBalanceReserve_checkAndStatusAgree_belowAtAbove() {
    MinBalanceReserveRule rule = new MinBalanceReserveRule(m("100"), WARN);
    for (int d = -1; d <= 1; d++) {
      Money equity = m("100").plus(new Money(d));
      RiskBook book = new RiskBook(0);
      book.observe(reading(equity, Money.ZERO, Money.ZERO));
      boolean rejected = rule.check(buy(m("10")), ctx(equity, m("10"), m("10")), book).isPresent();
      agree(rejected, rule.level(book), d < 0);
    }
    RiskBook broke = new RiskBook(0);
    broke.observe(reading(Money.ZERO, Money.ZERO, Money.ZERO));
    MinBalanceReserveRule none = new MinBalanceReserveRule(null, WARN);
    agree(
        none.check(buy(m("10")), ctx(Money.ZERO, m("10"), m("10")), broke).isPresent(),
        none.level(broke),
        true);
  }

  @Test
  void drawdownHalt_tripsAtTheLimit_checkAndStatusAgree() {
    DrawdownHaltRule rule = new DrawdownHaltRule(Fraction.ofLimit(0.3), WARN);
    for (int d = -1; d <= 1; d++) {
      RiskBook book = new RiskBook(0);
      book.observe(reading(m("1000"), Money.ZERO, Money.ZERO));
      // a drawdown of 300 (the limit) plus d units
      book.observe(reading(m("700").minus(new Money(d)), Money.ZERO, Money.ZERO));
      rule.trip(book, recorded);
      boolean rejected =
          rule.check(buy(m("10")), ctx(m("700"), m("10"), m("10")), book).isPresent();
      agree(rejected, rule.level(book), d >= 0);
    }
    assertThat(events)
        .containsExactly("breaker_tripped:max_drawdown_halt", "breaker_tripped:max_drawdown_halt");
  }

  @Test
  void dailyLoss_tripsAtTheLimit_checkAndStatusAgree_fractionAndAmount() {
    DailyLossRule byFraction = new DailyLossRule(Fraction.ofLimit(0.05), null, true, WARN);
    DailyLossRule byAmount = new DailyLossRule(Fraction.OFF, m("50"), false, WARN);
    for (DailyLossRule rule : List.of(byFraction, byAmount)) {
      for (int d = -1; d <= 1; d++) {
        RiskBook book = new RiskBook(0);
        book.rollDay(T0, m("1000"), NO_EVENTS);
        book.observe(reading(m("950").minus(new Money(d)), Money.ZERO, Money.ZERO));
        rule.trip(book, NO_EVENTS);
        boolean rejected =
            rule.check(buy(m("10")), ctx(m("950"), m("10"), m("10")), book).isPresent();
        agree(rejected, rule.level(book), d >= 0);
        assertThat(book.takeCloseAll()).isEqualTo(rule == byFraction && d >= 0);
      }
    }
  }

  @Test
  void consecutiveLosses_pauseAtTheLimit_checkAndStatusAgree() {
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(3, 60, WARN);
    for (int losses = 2; losses <= 4; losses++) {
      RiskBook book = new RiskBook(0);
      book.observe(reading(m("1000"), Money.ZERO, Money.ZERO));
      for (int i = 0; i < losses; i++) {
        rule.onRealized(book, BTC, m("-1"), true, T0, NO_EVENTS);
      }
      boolean rejected =
          rule.check(buy(m("10")), ctx(m("1000"), m("10"), m("10")), book).isPresent();
      agree(rejected, rule.level(book), losses >= 3);
    }
  }

  @Test
  void checkOnlyRules_rejectAboveTheirLimitOnly_andReportNoStatus() {
    MaxOrderValueRule value = new MaxOrderValueRule(m("500"));
    MinBalanceRRule floor = new MinBalanceRRule(m("150"));
    RiskBook book = new RiskBook(0);
    for (int d = -1; d <= 1; d++) {
      Money v = m("500").plus(new Money(d));
      assertThat(value.check(buy(v), ctx(m("1000"), v, v), book).isPresent()).isEqualTo(d > 0);
      Money equity = m("150").plus(new Money(d));
      assertThat(floor.check(buy(m("10")), ctx(equity, m("10"), m("10")), book).isPresent())
          .isEqualTo(d < 0);
    }
    assertThat(value.status(book)).isEmpty();
    assertThat(floor.status(book)).isEmpty();
  }
}
