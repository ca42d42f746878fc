package io.perpetua.analytics.portfolio;

import static io.perpetua.analytics.portfolio.Fixtures.jan;
import static io.perpetua.analytics.portfolio.Fixtures.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NavReportTest {
  @Test
  void nav_specExample_totalReturnIsCurrentOverInitialMinusOne() {
    // 10234.56 / 10000 − 1 = 0.023456
    List<NavPoint> points =
        List.of(
            p("2026-01-01T00:00:00Z", 10000.0),
            p("2026-01-02T00:00:00Z", 10025.0),
            p("2026-03-02T00:00:00Z", 10234.56));
    NavReport r = PortfolioAnalytics.nav(points);
    assertThat(r.initialNav()).isEqualTo(10000.0);
    assertThat(r.currentNav()).isEqualTo(10234.56);
    assertThat(r.totalReturn()).isCloseTo(0.023456, within(1e-12));
    assertThat(r.points()).isEqualTo(points);
  }

  @Test
  void nav_empty_isNaN() {
    NavReport r = PortfolioAnalytics.nav(List.of());
    assertThat(r.initialNav()).isNaN();
    assertThat(r.currentNav()).isNaN();
    assertThat(r.totalReturn()).isNaN();
    assertThat(r.points()).isEmpty();
  }

  @Test
  void nav_onePoint_totalReturnZero() {
    NavReport r = PortfolioAnalytics.nav(List.of(jan(1, 500)));
    assertThat(r.initialNav()).isEqualTo(500);
    assertThat(r.currentNav()).isEqualTo(500);
    assertThat(r.totalReturn()).isEqualTo(0.0);
  }

  @Test
  void nav_nonPositiveInitial_totalReturnNaN() {
    assertThat(PortfolioAnalytics.nav(List.of(jan(1, 0), jan(2, 10))).totalReturn()).isNaN();
  }

  @Test
  void nav_unsortedOrRepeatedTimes_areRejected() {
    assertThatThrownBy(() -> PortfolioAnalytics.nav(List.of(jan(2, 1), jan(1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("points[1]");
    assertThatThrownBy(() -> PortfolioAnalytics.nav(List.of(jan(1, 1), jan(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
  }

  @Test
  void navPoint_nonFiniteNav_isRejected() {
    assertThatThrownBy(() -> new NavPoint(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NavPoint(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nav_pointsAreACopy() {
    List<NavPoint> points = new ArrayList<>(List.of(jan(1, 1)));
    NavReport r = PortfolioAnalytics.nav(points);
    points.add(jan(2, 2));
    assertThat(r.points()).hasSize(1);
    assertThatThrownBy(() -> r.points().add(jan(3, 3)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
