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
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Exact edges of the risk rules with hand-computed expectations: zero equity or opening equity,
 * values equal to a warning threshold, the loss-streak trip, the equity peak, the venue outage
 * bookkeeping and the seconds in the stale-data and venue-outage rejections (issue 20).
 */
class RuleBoundaryEdgesTest {
  private static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  private static final long T0 = 1_700_000_000_000L;
  private static final Fraction WARN = Fraction.ofLimit(0.8);
  private static final RiskEvents NO_EVENTS = (t, k, r, s, d) -> {};
  private static final Price ONE = new Price(100_000_000L, 8);

  private static Money m(String text) {
    return Money.parse(text);
  }

  private static Order buy(String quantity) {
    return new Order(
        ClientOrderId.of("c1"),
        BTC,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse(quantity, 8),
        null,
        false,
        StrategyId.of("s"),
        null,
        T0);
  }

  private static OrderContext ctx(Price mark, long markTime, long now, Money equity) {
    return new OrderContext(mark, markTime, now, equity, Money.ZERO, m("10"), Money.ZERO, m("10"));
  }

  private static Exposure reading(Money equity, Money longs, Money largest) {
    return new Exposure(T0, equity, longs, Money.ZERO, largest, "BTC/USDT:USDT");
  }

  private static String reason(Optional<Rejection> r) {
    return r.orElseThrow().reason();
  }

  @Test
  void bound_warningStartsExactlyAtWarningTimesLimit() {
    for (Bound b : Bound.values()) {
      assertThat(b.level(m("80"), m("100"), WARN)).isEqualTo(Level.WARNING);
      assertThat(b.level(m("79.99999999"), m("100"), WARN)).isEqualTo(Level.OK);
      assertThat(b.level(m("1000"), null, WARN)).isEqualTo(Level.OK);
    }
    assertThat(Bound.CEILING.level(m("100"), m("100"), WARN)).isEqualTo(Level.WARNING);
    assertThat(Bound.TRIP.level(m("100"), m("100"), WARN)).isEqualTo(Level.VIOLATED);
  }

  @Test
  void positionAndExposure_zeroEquity_levelOk() {
    // a reading with no equity but open exposure: these rules have no ratio to report
    RiskBook book = new RiskBook(0);
    book.observe(reading(Money.ZERO, m("10"), m("10")));
    assertThat(new MaxPositionRule(Fraction.ofLimit(0.2), WARN).level(book)).isEqualTo(Level.OK);
    assertThat(new MaxExposureRule(Fraction.ofLimit(1.2), WARN).level(book)).isEqualTo(Level.OK);
    RiskBook flat = new RiskBook(0);
    flat.observe(reading(Money.ZERO, Money.ZERO, Money.ZERO));
    assertThat(new MaxPositionRule(Fraction.ofLimit(0.2), WARN).level(flat)).isEqualTo(Level.OK);
    assertThat(new MaxExposureRule(Fraction.ofLimit(1.2), WARN).level(flat)).isEqualTo(Level.OK);
  }

  @Test
  void dailyTurnover_zeroOpeningEquity_levelOkButOrdersRejected() {
    DailyTurnoverRule rule = new DailyTurnoverRule(Fraction.ofLimit(3.0), WARN, NO_EVENTS);
    RiskBook book = new RiskBook(0);
    book.rollDay(T0, Money.ZERO, NO_EVENTS);
    assertThat(rule.level(book)).isEqualTo(Level.OK);
    // even an order of zero notional (mark 0) is refused on a day that opened without equity
    Optional<Rejection> r = rule.check(buy("1"), ctx(new Price(0, 8), T0, T0, m("0")), book);
    assertThat(r).isPresent();
    assertThat(r.orElseThrow().rule()).isEqualTo("max_daily_turnover");
  }

  @Test
  void minBalanceReserve_warningOnlyWhileWarningTimesEquityBelowReserve() {
    MinBalanceReserveRule rule = new MinBalanceReserveRule(m("100"), WARN);
    // 0.8 x 125 = 100 = reserve: not below, ok
    assertThat(rule.levelOf(m("125"))).isEqualTo(Level.OK);
    // 0.8 x 124.99999999 = 99.99999999 < 100: warning
    assertThat(rule.levelOf(m("124.99999999"))).isEqualTo(Level.WARNING);
    assertThat(rule.levelOf(m("100"))).isEqualTo(Level.WARNING);
    assertThat(rule.levelOf(m("99.99999999"))).isEqualTo(Level.VIOLATED);
  }

  @Test
  void minBalanceReserve_rejectionNamesTheCause() {
    OrderContext broke = ctx(ONE, T0, T0, Money.ZERO);
    assertThat(reason(new MinBalanceReserveRule(Money.ZERO, WARN).check(buy("1"), broke, null)))
        .isEqualTo("no equity");
    OrderContext low = ctx(ONE, T0, T0, m("50"));
    assertThat(reason(new MinBalanceReserveRule(m("100"), WARN).check(buy("1"), low, null)))
        .isEqualTo("equity 50.0000 below reserve 100.0000");
  }

  @Test
  void consecutiveLosses_pauseStartsAtTheLimitAndResetsTheStreak() {
    List<String> events = new ArrayList<>();
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(2, 30, WARN);
    RiskBook book = new RiskBook(0);
    rule.onRealized(book, BTC, m("-1"), true, T0, (t, k, r, s, d) -> events.add(d));
    assertThat(book.paused(T0)).isFalse();
    // a trade of two fills: -1 then +0.5 is still a loss when it closes
    rule.onRealized(book, BTC, m("-1"), false, T0, (t, k, r, s, d) -> events.add(d));
    rule.onRealized(book, BTC, m("0.5"), true, T0, (t, k, r, s, d) -> events.add(d));
    assertThat(book.paused(T0)).isTrue();
    assertThat(book.paused(T0 + 30 * 60_000L - 1)).isTrue();
    assertThat(book.paused(T0 + 30 * 60_000L)).isFalse();
    assertThat(book.lossStreak).isZero();
    assertThat(events)
        .containsExactly("2 losing trades in a row: paused until 2023-11-14T22:43:20Z");
  }

  @Test
  void drawdown_peakAtZero_isNoDrawdownAndOk() {
    DrawdownHaltRule rule = new DrawdownHaltRule(Fraction.ofLimit(0.2), WARN);
    RiskBook empty = new RiskBook(0);
    assertThat(DrawdownHaltRule.drawdown(empty)).isEqualTo(Money.ZERO);
    RiskBook book = new RiskBook(0);
    book.observe(reading(Money.ZERO, Money.ZERO, Money.ZERO));
    assertThat(rule.level(book)).isEqualTo(Level.OK);
    book.observe(reading(m("-5"), Money.ZERO, Money.ZERO));
    assertThat(DrawdownHaltRule.drawdown(book)).isEqualTo(Money.ZERO);
    rule.trip(book, NO_EVENTS);
    assertThat(book.drawdownHalted()).isFalse();
    assertThat(rule.level(book)).isEqualTo(Level.OK);
  }

  @Test
  void riskBook_peakFollowsOnlyHigherEquity() {
    RiskBook book = new RiskBook(0);
    book.observe(reading(m("1000"), Money.ZERO, Money.ZERO));
    book.observe(reading(m("900"), Money.ZERO, Money.ZERO));
    assertThat(DrawdownHaltRule.drawdown(book)).isEqualTo(m("100"));
    book.observe(reading(m("1100"), Money.ZERO, Money.ZERO));
    assertThat(DrawdownHaltRule.drawdown(book)).isEqualTo(Money.ZERO);
    book.observe(reading(m("1050"), Money.ZERO, Money.ZERO));
    assertThat(DrawdownHaltRule.drawdown(book)).isEqualTo(m("50"));
  }

  @Test
  void riskBook_venueReachable_reportsOnlyChanges() {
    RiskBook book = new RiskBook(0);
    assertThat(book.venueReachable(true, T0)).isFalse();
    assertThat(book.venueReachable(false, T0)).isTrue();
    assertThat(book.venueReachable(false, T0 + 5)).isFalse();
    assertThat(book.venueDownSinceMs()).isEqualTo(T0);
    assertThat(book.venueReachable(true, T0 + 10)).isTrue();
    assertThat(book.venueReachable(true, T0 + 20)).isFalse();
    assertThat(book.venueDownSinceMs()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void venueUnreachable_blocksFromTheLimit_andNamesTheOutageInSeconds() {
    VenueUnreachableRule rule = new VenueUnreachableRule(30_000);
    RiskBook book = new RiskBook(0);
    book.venueReachable(false, T0);
    assertThat(rule.check(buy("1"), ctx(ONE, T0, T0 + 29_999, m("1000")), book)).isEmpty();
    assertThat(reason(rule.check(buy("1"), ctx(ONE, T0, T0 + 30_000, m("1000")), book)))
        .isEqualTo("venue unreachable for 30 s");
    assertThat(reason(rule.check(buy("1"), ctx(ONE, T0, T0 + 90_999, m("1000")), book)))
        .isEqualTo("venue unreachable for 90 s");
  }

  @Test
  void marketDataStale_blocksAboveTheLimit_andNamesAgeAndLimitInSeconds() {
    MarketDataStaleRule rule = new MarketDataStaleRule();
    RiskBook book = new RiskBook(30_500);
    assertThat(rule.check(buy("1"), ctx(ONE, T0, T0 + 30_500, m("1000")), book)).isEmpty();
    assertThat(reason(rule.check(buy("1"), ctx(ONE, T0, T0 + 92_300, m("1000")), book)))
        .isEqualTo("last price of BTC/USDT:USDT is 92 s old (limit 30 s)");
    book.staleAfter(0);
    assertThat(rule.check(buy("1"), ctx(ONE, T0, T0 + 1_000_000, m("1000")), book)).isEmpty();
  }
}
