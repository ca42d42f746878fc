package io.perpetua.analytics.portfolio;

import static io.perpetua.analytics.portfolio.Fixtures.janDate;
import static io.perpetua.analytics.portfolio.Fixtures.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DailyPnlTest {
  private static final double EPS = 1e-12;

  /**
   * Marks within days, a day without any mark (Jan 3) and a flat day. Day closes (last mark of each
   * UTC day): Jan 1 110, Jan 2 99, Jan 4 114, Jan 5 114.
   */
  private static final List<NavPoint> NAV =
      List.of(
          p("2026-01-01T00:00:00Z", 100),
          p("2026-01-01T12:00:00Z", 110),
          p("2026-01-02T12:00:00Z", 99),
          p("2026-01-04T06:00:00Z", 120),
          p("2026-01-04T18:00:00Z", 114),
          p("2026-01-05T00:00:00Z", 114));

  @Test
  void dailyPnl_handComputed_againstNavBeforeFirstDay() {
    DailyPnlReport r = PortfolioAnalytics.dailyPnl(NAV, 100);
    List<DailyPnl> d = r.dailyPnl();
    assertThat(d)
        .extracting(DailyPnl::date)
        .containsExactly(janDate(1), janDate(2), janDate(4), janDate(5));
    // Jan 1: 110 − 100 = 10, 10 / 100 = 0.1
    assertThat(d.get(0).pnl()).isCloseTo(10, within(EPS));
    assertThat(d.get(0).pnlPct()).isCloseTo(0.1, within(EPS));
    assertThat(d.get(0).nav()).isEqualTo(110);
    // Jan 2: 99 − 110 = −11, −11 / 110 = −0.1
    assertThat(d.get(1).pnl()).isCloseTo(-11, within(EPS));
    assertThat(d.get(1).pnlPct()).isCloseTo(-0.1, within(EPS));
    // Jan 4 (spans the empty Jan 3): 114 − 99 = 15, 15 / 99 = 0.151515…
    assertThat(d.get(2).pnl()).isCloseTo(15, within(EPS));
    assertThat(d.get(2).pnlPct()).isCloseTo(15.0 / 99, within(EPS));
    // Jan 5: 114 − 114 = 0
    assertThat(d.get(3).pnl()).isEqualTo(0.0);
    assertThat(d.get(3).pnlPct()).isEqualTo(0.0);

    DailyPnlSummary s = r.summary();
    assertThat(s.days()).isEqualTo(4);
    // 10 − 11 + 15 + 0 = 14 = 114 − 100; 14 / 4 = 3.5
    assertThat(s.totalPnl()).isCloseTo(14, within(EPS));
    assertThat(s.avgDailyPnl()).isCloseTo(3.5, within(EPS));
    assertThat(s.bestDay()).isEqualTo(new DayPnl(janDate(4), 15));
    assertThat(s.worstDay()).isEqualTo(new DayPnl(janDate(2), -11));
    // wins: Jan 1 and Jan 4; the flat Jan 5 counts as a non-win: 2 / 4 (2 / 3 if flat days were
    // left out)
    assertThat(s.winRate()).isEqualTo(0.5);
  }

  @Test
  void dailyPnl_nanBase_firstDayIsOnlyTheBase() {
    DailyPnlReport r = PortfolioAnalytics.dailyPnl(NAV, Double.NaN);
    assertThat(r.dailyPnl())
        .extracting(DailyPnl::date)
        .containsExactly(janDate(2), janDate(4), janDate(5));
    // 114 − 110 = 4 over 3 days; one win (Jan 4) of 3 days
    assertThat(r.summary().totalPnl()).isCloseTo(4, within(EPS));
    assertThat(r.summary().avgDailyPnl()).isCloseTo(4.0 / 3, within(EPS));
    assertThat(r.summary().winRate()).isCloseTo(1.0 / 3, within(EPS));
  }

  @Test
  void dailyPnl_empty_noDaysAndUndefinedSummary() {
    DailyPnlSummary s = PortfolioAnalytics.dailyPnl(List.of(), 100).summary();
    assertThat(s.days()).isZero();
    assertThat(s.totalPnl()).isEqualTo(0.0);
    assertThat(s.avgDailyPnl()).isNaN();
    assertThat(s.winRate()).isNaN();
    assertThat(s.bestDay()).isNull();
    assertThat(s.worstDay()).isNull();
  }

  @Test
  void dailyPnl_onePoint() {
    NavPoint only = p("2026-01-07T09:00:00Z", 105);
    assertThat(PortfolioAnalytics.dailyPnl(List.of(only), Double.NaN).dailyPnl()).isEmpty();
    DailyPnl d = PortfolioAnalytics.dailyPnl(List.of(only), 100).dailyPnl().getFirst();
    assertThat(d.date()).isEqualTo(janDate(7));
    assertThat(d.pnl()).isEqualTo(5.0);
    assertThat(d.pnlPct()).isCloseTo(0.05, within(EPS));
  }

  @Test
  void dailyPnl_constantNav_allFlatDays() {
    List<NavPoint> flat = List.of(Fixtures.jan(1, 50), Fixtures.jan(2, 50), Fixtures.jan(3, 50));
    DailyPnlSummary s = PortfolioAnalytics.dailyPnl(flat, 50).summary();
    assertThat(s.totalPnl()).isEqualTo(0.0);
    assertThat(s.winRate()).isEqualTo(0.0);
    // ties: the earliest day is both best and worst
    assertThat(s.bestDay()).isEqualTo(new DayPnl(janDate(1), 0));
    assertThat(s.worstDay()).isEqualTo(new DayPnl(janDate(1), 0));
  }

  @Test
  void dailyPnl_nonPositivePreviousNav_pctIsNaN() {
    DailyPnl d = PortfolioAnalytics.dailyPnl(List.of(Fixtures.jan(1, 10)), 0).dailyPnl().get(0);
    assertThat(d.pnl()).isEqualTo(10.0);
    assertThat(d.pnlPct()).isNaN();
  }

  @Test
  void dailyPnl_badInput_isRejected() {
    assertThatThrownBy(
            () ->
                PortfolioAnalytics.dailyPnl(
                    List.of(Fixtures.jan(2, 1), Fixtures.jan(1, 1)), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortfolioAnalytics.dailyPnl(List.of(), Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
