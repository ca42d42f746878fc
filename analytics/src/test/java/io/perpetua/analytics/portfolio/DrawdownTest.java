package io.perpetua.analytics.portfolio;

import static io.perpetua.analytics.portfolio.Fixtures.jan;
import static io.perpetua.analytics.portfolio.Fixtures.janDate;
import static io.perpetua.analytics.portfolio.Fixtures.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrawdownTest {
  private static final double EPS = 1e-12;

  @Test
  void drawdown_handComputed_recoveredAfterTwoDays() {
    // Jan 1..7: 100, 120 (peak), 90 (trough, 90/120 − 1 = −0.25), 110 (−1/12), 120 (back at the
    // peak: recovered, Jan 3 → Jan 5 = 2 days), 130 (new peak), 117 (117/130 − 1 = −0.1)
    List<NavPoint> nav =
        List.of(
            jan(1, 100),
            jan(2, 120),
            jan(3, 90),
            jan(4, 110),
            jan(5, 120),
            jan(6, 130),
            jan(7, 117));
    DrawdownReport r = PortfolioAnalytics.drawdown(nav);
    assertThat(r.drawdownCurve())
        .extracting(DrawdownPoint::drawdown)
        .containsExactly(0.0, 0.0, -0.25, 110.0 / 120 - 1, 0.0, 0.0, 117.0 / 130 - 1);
    assertThat(r.drawdownCurve().get(2).timeMs()).isEqualTo(nav.get(2).timeMs());
    assertThat(r.currentDrawdown()).isCloseTo(-0.1, within(EPS));
    assertThat(r.maxDrawdown()).isCloseTo(-0.25, within(EPS));
    assertThat(r.maxDrawdownDate()).isEqualTo(janDate(3));
    assertThat(r.recoveryDays()).isEqualTo(2L);
  }

  @Test
  void drawdown_neverRecovered_recoveryDaysNull() {
    // 100, 120, 90, 110: still 110/120 − 1 = −0.0833 below the peak at the end
    DrawdownReport r =
        PortfolioAnalytics.drawdown(List.of(jan(1, 100), jan(2, 120), jan(3, 90), jan(4, 110)));
    assertThat(r.maxDrawdown()).isCloseTo(-0.25, within(EPS));
    assertThat(r.maxDrawdownDate()).isEqualTo(janDate(3));
    assertThat(r.currentDrawdown()).isCloseTo(110.0 / 120 - 1, within(EPS));
    assertThat(r.recoveryDays()).isNull();
  }

  @Test
  void drawdown_troughIsFirstTimeAtTheWorstLevel() {
    // 100, 80 (−0.2), 90, 80 (−0.2 again) → the trough is Jan 2
    DrawdownReport r =
        PortfolioAnalytics.drawdown(List.of(jan(1, 100), jan(2, 80), jan(3, 90), jan(4, 80)));
    assertThat(r.maxDrawdownDate()).isEqualTo(janDate(2));
  }

  @Test
  void drawdown_recoveryCountsCalendarDays() {
    // trough Jan 3 23:00, back at the peak Jan 4 01:00: two hours later, but the next UTC day → 1
    DrawdownReport r =
        PortfolioAnalytics.drawdown(
            List.of(
                p("2026-01-03T00:00:00Z", 100),
                p("2026-01-03T23:00:00Z", 95),
                p("2026-01-04T01:00:00Z", 100)));
    assertThat(r.recoveryDays()).isEqualTo(1L);
    // recovered on the trough's own day → 0
    DrawdownReport sameDay =
        PortfolioAnalytics.drawdown(
            List.of(
                p("2026-01-03T00:00:00Z", 100),
                p("2026-01-03T01:00:00Z", 95),
                p("2026-01-03T02:00:00Z", 101)));
    assertThat(sameDay.recoveryDays()).isZero();
  }

  @Test
  void drawdown_constantNav_noDrawdown() {
    DrawdownReport r = PortfolioAnalytics.drawdown(List.of(jan(1, 7), jan(2, 7), jan(3, 7)));
    assertThat(r.drawdownCurve())
        .extracting(DrawdownPoint::drawdown)
        .containsExactly(0.0, 0.0, 0.0);
    assertThat(r.currentDrawdown()).isEqualTo(0.0);
    assertThat(r.maxDrawdown()).isEqualTo(0.0);
    assertThat(r.maxDrawdownDate()).isNull();
    assertThat(r.recoveryDays()).isNull();
  }

  @Test
  void drawdown_emptyAndOnePoint_maxUndefined() {
    DrawdownReport empty = PortfolioAnalytics.drawdown(List.of());
    assertThat(empty.drawdownCurve()).isEmpty();
    assertThat(empty.currentDrawdown()).isNaN();
    assertThat(empty.maxDrawdown()).isNaN();
    assertThat(empty.maxDrawdownDate()).isNull();
    DrawdownReport one = PortfolioAnalytics.drawdown(List.of(jan(1, 100)));
    assertThat(one.drawdownCurve()).extracting(DrawdownPoint::drawdown).containsExactly(0.0);
    assertThat(one.currentDrawdown()).isEqualTo(0.0);
    assertThat(one.maxDrawdown()).isNaN();
    assertThat(one.recoveryDays()).isNull();
  }

  @Test
  void drawdown_unsortedInput_isRejected() {
    assertThatThrownBy(() -> PortfolioAnalytics.drawdown(List.of(jan(3, 1), jan(2, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
  }
}
