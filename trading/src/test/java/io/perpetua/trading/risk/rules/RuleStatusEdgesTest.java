package io.perpetua.trading.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.risk.Exposure;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.RuleStatus;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status row each rule reports (name, threshold, value, level, detail) with hand-computed
 * values, including the rows that must be absent (unconfigured rules, check-only rules). Kills the
 * surviving status mutants of issue 20 (levels, thresholds, {@code Optional.empty}).
 */
class RuleStatusEdgesTest {
  private static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  private static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
  private static final long MINUTE = 60_000L;
  private static final Fraction WARN = Fraction.ofLimit(0.8);
  private static final RiskEvents NO_EVENTS = (t, k, r, s, d) -> {};

  private static Money m(String text) {
    return Money.parse(text);
  }

  private static Exposure reading(long t, Money equity) {
    return new Exposure(t, equity, Money.ZERO, Money.ZERO, Money.ZERO, null);
  }

  /** A book whose UTC day opened at {@code start} and whose latest equity is {@code equity}. */
  private static RiskBook day(Money start, Money equity) {
    RiskBook book = new RiskBook(0);
    book.rollDay(T0, start, NO_EVENTS);
    book.observe(reading(T0, equity));
    return book;
  }

  @Test
  void dailyLoss_byFraction_reportsFractionThresholdAndRatio() {
    DailyLossRule rule = new DailyLossRule(Fraction.ofLimit(0.05), null, false, WARN);
    // loss 40 of 1000: ratio 0.04; limit 50, warning from 40 -> warning
    RuleStatus s = rule.status(day(m("1000"), m("960"))).orElseThrow();
    assertThat(s)
        .isEqualTo(
            new RuleStatus(
                "daily_loss",
                "Loss since the start of the UTC day (fraction of equity)",
                0.05,
                0.04,
                Level.WARNING,
                null,
                null));
  }

  @Test
  void dailyLoss_byAmount_reportsAmountThresholdAndLossInUsdt() {
    DailyLossRule rule = new DailyLossRule(Fraction.OFF, m("50"), false, WARN);
    RuleStatus s = rule.status(day(m("1000"), m("961"))).orElseThrow();
    assertThat(s)
        .isEqualTo(
            new RuleStatus(
                "daily_loss",
                "Loss since the start of the UTC day (USDT; limit = daily_loss_r x risk_unit)",
                50.0,
                39.0,
                Level.OK,
                null,
                null));
  }

  @Test
  void dailyLoss_unconfigured_hasNoStatusRow() {
    DailyLossRule rule = new DailyLossRule(Fraction.OFF, null, true, WARN);
    RiskBook book = day(m("1000"), m("100"));
    assertThat(rule.configured()).isFalse();
    assertThat(rule.status(book)).isEmpty();
    rule.trip(book, NO_EVENTS);
    assertThat(book.dailyLossHalted()).isFalse();
    assertThat(book.takeCloseAll()).isFalse();
  }

  @Test
  void dailyLoss_zeroOpeningEquity_countsNoLoss() {
    DailyLossRule rule = new DailyLossRule(Fraction.OFF, m("5"), false, WARN);
    // the day opened at 0 and equity is now -10: no opening equity, no loss counted
    RiskBook book = day(Money.ZERO, m("-10"));
    assertThat(DailyLossRule.loss(book)).isEqualTo(Money.ZERO);
    RuleStatus s = rule.status(book).orElseThrow();
    assertThat(s.currentValue()).isEqualTo(0.0);
    assertThat(s.threshold()).isEqualTo(5.0);
    assertThat(s.level()).isEqualTo(Level.OK);
  }

  @Test
  void dailyLoss_bothLimits_theSmallerBinds() {
    // 5 % of 1000 = 50, amount 30: a loss of 30 trips
    DailyLossRule rule = new DailyLossRule(Fraction.ofLimit(0.05), m("30"), false, WARN);
    RiskBook book = day(m("1000"), m("970"));
    assertThat(rule.limit(book)).isEqualTo(m("30"));
    rule.trip(book, NO_EVENTS);
    assertThat(book.dailyLossHalted()).isTrue();
    assertThat(rule.status(book).orElseThrow().level()).isEqualTo(Level.VIOLATED);
    // amount 80 > 50: the fraction binds, a loss of 49.99999999 is only a warning
    DailyLossRule looser = new DailyLossRule(Fraction.ofLimit(0.05), m("80"), false, WARN);
    RiskBook below = day(m("1000"), m("950.00000001"));
    assertThat(looser.limit(below)).isEqualTo(m("50"));
    assertThat(looser.level(below)).isEqualTo(Level.WARNING);
  }

  @Test
  void dailyLoss_bothLimits_rowShownInTheBindingLimitsUnit() {
    // 5 % of 1000 = 50 and an amount of 30: the amount binds, so the row is in USDT (threshold 30,
    // loss 30, violated), not the fraction's threshold 0.05 beside the amount's level
    DailyLossRule rule = new DailyLossRule(Fraction.ofLimit(0.05), m("30"), false, WARN);
    assertThat(rule.status(day(m("1000"), m("970"))).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "daily_loss",
                "Loss since the start of the UTC day (USDT; limit = daily_loss_r x risk_unit)",
                30.0,
                30.0,
                Level.VIOLATED,
                null,
                null));
    // amount 80 > 50: the fraction binds and the row stays a fraction (0.04 of 0.05: warning)
    DailyLossRule looser = new DailyLossRule(Fraction.ofLimit(0.05), m("80"), false, WARN);
    assertThat(looser.status(day(m("1000"), m("960"))).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "daily_loss",
                "Loss since the start of the UTC day (fraction of equity)",
                0.05,
                0.04,
                Level.WARNING,
                null,
                null));
  }

  @Test
  void dailyLoss_bothLimitsWithoutOpeningEquity_rowInUsdtOfTheAmount() {
    // no opening equity yet: only the amount can bind, and the row says so
    DailyLossRule rule = new DailyLossRule(Fraction.ofLimit(0.05), m("30"), false, WARN);
    RiskBook book = new RiskBook(0);
    book.observe(reading(T0, m("1000")));
    RuleStatus s = rule.status(book).orElseThrow();
    assertThat(s.threshold()).isEqualTo(30.0);
    assertThat(s.currentValue()).isEqualTo(0.0);
    assertThat(s.level()).isEqualTo(Level.OK);
    assertThat(s.displayName()).contains("USDT");
  }

  @Test
  void consecutiveLosses_statusAtTheLatestKernelTime_notTheLastReadingsTime() {
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(2, 60, WARN);
    RiskBook book = new RiskBook(0);
    book.observe(reading(T0, m("1000")));
    rule.onRealized(book, BTC, m("-1"), true, T0, NO_EVENTS);
    rule.onRealized(book, BTC, m("-2"), true, T0, NO_EVENTS);
    book.advance(T0 + 60 * MINUTE - 1); // an order checked just before the pause ends
    assertThat(rule.status(book).orElseThrow().level()).isEqualTo(Level.VIOLATED);
    book.advance(
        T0 + 60 * MINUTE); // an order checked when it ends: the checks pass, so does the row
    RuleStatus s = rule.status(book).orElseThrow();
    assertThat(s.level()).isEqualTo(Level.OK);
    assertThat(s.detail()).isNull();
    assertThat(book.nowMs()).isEqualTo(T0 + 60 * MINUTE);
    book.advance(T0); // never backwards
    assertThat(book.nowMs()).isEqualTo(T0 + 60 * MINUTE);
  }

  @Test
  void consecutiveLosses_streakBelowLimit_warningFromTheRatio() {
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(5, 60, WARN);
    RiskBook book = new RiskBook(0);
    book.observe(reading(T0, m("1000")));
    for (int i = 0; i < 3; i++) {
      rule.onRealized(book, BTC, m("-1"), true, T0, NO_EVENTS);
    }
    // 3 of 5 < 0.8 x 5 = 4: ok
    assertThat(rule.status(book).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "consecutive_losses", "Losing trades in a row", 5, 3, Level.OK, null, null));
    rule.onRealized(book, BTC, m("-1"), true, T0, NO_EVENTS);
    assertThat(rule.status(book).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "consecutive_losses", "Losing trades in a row", 5, 4, Level.WARNING, null, null));
  }

  @Test
  void consecutiveLosses_paused_reportsViolatedWithPauseEnd_untilItEnds() {
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(2, 60, WARN);
    RiskBook book = new RiskBook(0);
    book.observe(reading(T0, m("1000")));
    rule.onRealized(book, BTC, m("-1"), true, T0, NO_EVENTS);
    rule.onRealized(book, BTC, m("-2"), true, T0, NO_EVENTS);
    assertThat(rule.status(book).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "consecutive_losses",
                "Losing trades in a row",
                2,
                0,
                Level.VIOLATED,
                null,
                "paused until 2023-11-14T23:13:20Z"));
    book.observe(reading(T0 + 60 * MINUTE, m("1000")));
    RuleStatus after = rule.status(book).orElseThrow();
    assertThat(after.level()).isEqualTo(Level.OK);
    assertThat(after.detail()).isNull();
  }

  @Test
  void consecutiveLosses_streakAtLimitWithoutPause_isViolated() {
    // a checkpoint restored with the streak at the limit and no pause
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(3, 60, WARN);
    RiskBook book = new RiskBook(0);
    book.restore(Map.of("risk_loss_streak", "3"));
    assertThat(rule.level(book)).isEqualTo(Level.VIOLATED);
    RuleStatus s = rule.status(book).orElseThrow();
    assertThat(s.level()).isEqualTo(Level.VIOLATED);
    assertThat(s.currentValue()).isEqualTo(3.0);
    assertThat(s.detail()).isNull();
  }

  @Test
  void consecutiveLosses_off_isOkWithoutStatusRow() {
    ConsecutiveLossesRule rule = new ConsecutiveLossesRule(0, 60, WARN);
    RiskBook book = new RiskBook(0);
    book.observe(reading(T0, m("1000")));
    rule.onRealized(book, BTC, m("-1"), true, T0, NO_EVENTS);
    assertThat(rule.level(book)).isEqualTo(Level.OK);
    assertThat(rule.status(book)).isEmpty();
    assertThat(book.paused(T0)).isFalse();
  }

  @Test
  void drawdown_statusReportsRatioLevelAndLatchedHalt() {
    DrawdownHaltRule rule = new DrawdownHaltRule(Fraction.ofLimit(0.2), WARN);
    RiskBook book = new RiskBook(0);
    book.observe(reading(T0, m("1000")));
    book.observe(reading(T0 + 1, m("840")));
    // drawdown 160 = 0.8 x 200: warning, not halted
    assertThat(rule.status(book).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "max_drawdown_halt",
                "Drawdown from the equity peak",
                0.2,
                0.16,
                Level.WARNING,
                null,
                null));
    book.observe(reading(T0 + 2, m("800")));
    rule.trip(book, NO_EVENTS);
    book.observe(reading(T0 + 3, m("1000")));
    // recovered, but the halt holds until an operator resumes
    assertThat(rule.status(book).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "max_drawdown_halt",
                "Drawdown from the equity peak",
                0.2,
                0.0,
                Level.VIOLATED,
                null,
                "halted until an operator resumes trading"));
  }

  @Test
  void dailyTurnover_statusReportsMultipleOfOpeningEquity() {
    DailyTurnoverRule rule = new DailyTurnoverRule(Fraction.ofLimit(3.0), WARN, NO_EVENTS);
    RiskBook book = new RiskBook(0);
    book.rollDay(T0, m("1000"), NO_EVENTS);
    book.addTurnover(m("2400"));
    // 2400 = 0.8 x 3000: warning from exactly there
    assertThat(rule.status(book).orElseThrow())
        .isEqualTo(
            new RuleStatus(
                "max_daily_turnover",
                "Submitted notional today as a multiple of the day's opening equity",
                3.0,
                2.4,
                Level.WARNING,
                null,
                null));
  }

  @Test
  void checkOnlyRules_levelOkAndNoStatusRow() {
    RiskBook book = new RiskBook(1000);
    book.venueReachable(false, T0);
    for (RiskRule rule : new RiskRule[] {new MarketDataStaleRule(), new VenueUnreachableRule(1)}) {
      assertThat(rule.level(book)).isEqualTo(Level.OK);
      assertThat(rule.status(book)).isEmpty();
    }
  }
}
