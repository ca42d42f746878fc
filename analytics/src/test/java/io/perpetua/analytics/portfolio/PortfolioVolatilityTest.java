package io.perpetua.analytics.portfolio;

import static io.perpetua.analytics.portfolio.Fixtures.jan;
import static io.perpetua.analytics.portfolio.Fixtures.janDate;
import static io.perpetua.analytics.portfolio.Fixtures.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioVolatilityTest {
  private static final double EPS = 1e-9;
  private static final double ROOT_365 = Math.sqrt(365);

  /** Daily NAV on Jan 1..6 with the returns 0.01, −0.02, 0.03, −0.01, 0.02 (docs/metrics.md). */
  private static List<NavPoint> fiveReturns() {
    double[] r = {0.01, -0.02, 0.03, -0.01, 0.02};
    List<NavPoint> nav = new ArrayList<>();
    double v = 100;
    nav.add(jan(1, v));
    for (int k = 0; k < r.length; k++) {
      v *= 1 + r[k];
      nav.add(jan(k + 2, v));
    }
    return nav;
  }

  @Test
  void portfolioVolatility_handComputed_wholePeriod() {
    VolatilityReport v = PortfolioAnalytics.portfolioVolatility(fiveReturns(), 30, 365, 3, 1);
    assertThat(v.returns()).isEqualTo(5);
    // mean 0.006; squared deviations 0.000016, 0.000676, 0.000576, 0.000256, 0.000196, sum 0.00172
    // → sample variance 0.00172 / 4 = 0.00043, std √0.00043 = 0.0207364
    assertThat(v.dailyVolatility()).isCloseTo(Math.sqrt(0.00043), within(EPS));
    assertThat(v.annualizedVolatility()).isCloseTo(Math.sqrt(0.00043) * ROOT_365, within(EPS));
    // Sharpe 0.006 / 0.0207364 × √365 = 5.527942 (the worked example of docs/metrics.md)
    assertThat(v.sharpe()).isCloseTo(5.527942, within(1e-6));
    // downside deviation √((0.02² + 0.01²) / 5) = 0.01 → Sortino 0.6 × √365 = 11.462984
    assertThat(v.sortino()).isCloseTo(0.6 * ROOT_365, within(EPS));
    // growth 1.01 × 0.98 × 1.03 × 0.99 × 1.02 = 1.029485, CAGR 1.029485^(365/5) − 1; worst fall
    // 101 → 98.98 = −2 % → Calmar = CAGR / 0.02 = 367.093060
    double cagr = Math.pow(1.01 * 0.98 * 1.03 * 0.99 * 1.02, 365.0 / 5) - 1;
    assertThat(v.calmar()).isCloseTo(cagr / 0.02, within(1e-6));
    assertThat(v.calmar()).isCloseTo(367.093060, within(1e-5));
  }

  @Test
  void portfolioVolatility_belowTheMinimumSample_ratiosAreNaN_volatilityIsKept() {
    // five returns: the hand-computed Sharpe 5.53 and Calmar 367 exist only without a minimum
    VolatilityReport v = PortfolioAnalytics.portfolioVolatility(fiveReturns(), 30, 365, 3, 6);
    assertThat(v.returns()).isEqualTo(5);
    assertThat(v.dailyVolatility()).isCloseTo(Math.sqrt(0.00043), within(EPS));
    assertThat(v.sharpe()).isNaN();
    assertThat(v.sortino()).isNaN();
    assertThat(v.calmar()).isNaN();
    VolatilityReport atMinimum =
        PortfolioAnalytics.portfolioVolatility(fiveReturns(), 30, 365, 3, 5);
    assertThat(atMinimum.sharpe()).isCloseTo(5.527942, within(1e-6));
    assertThat(atMinimum.calmar()).isCloseTo(367.093060, within(1e-5));
    assertThat(PortfolioAnalytics.MIN_RATIO_RETURNS).isEqualTo(30);
  }

  @Test
  void portfolioVolatility_rollingWindow_startsWhenFull() {
    VolatilityReport v = PortfolioAnalytics.portfolioVolatility(fiveReturns(), 30, 365, 3, 1);
    // windows of 3 returns end on the 3rd, 4th and 5th return, i.e. on Jan 4, 5, 6
    assertThat(v.rolling())
        .extracting(RollingVolatility::date)
        .containsExactly(janDate(4), janDate(5), janDate(6));
    // [0.01, −0.02, 0.03]: mean 0.02/3; squared deviations (1/300)², (8/300)², (7/300)² sum
    // 114/90000 = 0.00126667 → variance 0.00063333
    assertThat(v.rolling().get(0).volatility())
        .isCloseTo(Math.sqrt(0.00126666666666667 / 2) * ROOT_365, within(EPS));
    // [−0.02, 0.03, −0.01]: mean 0; 0.0004 + 0.0009 + 0.0001 = 0.0014 → variance 0.0007
    assertThat(v.rolling().get(1).volatility())
        .isCloseTo(Math.sqrt(0.0007) * ROOT_365, within(EPS));
    // [0.03, −0.01, 0.02]: mean 0.04/3; (5/300)², (7/300)², (2/300)² sum 78/90000 → /2
    assertThat(v.rolling().get(2).volatility())
        .isCloseTo(Math.sqrt(78.0 / 90000 / 2) * ROOT_365, within(EPS));
  }

  @Test
  void portfolioVolatility_shortPeriod_usesLastReturnsAndRollingReachesBack() {
    VolatilityReport v = PortfolioAnalytics.portfolioVolatility(fiveReturns(), 3, 365, 3, 1);
    assertThat(v.returns()).isEqualTo(3);
    // last three returns [0.03, −0.01, 0.02]: variance 78/90000/2
    assertThat(v.dailyVolatility()).isCloseTo(Math.sqrt(78.0 / 90000 / 2), within(EPS));
    // NAV of the period from its base 98.98: growth 1.03 × 0.99 × 1.02, worst fall −1 %
    double cagr = Math.pow(1.03 * 0.99 * 1.02, 365.0 / 3) - 1;
    assertThat(v.calmar()).isCloseTo(cagr / 0.01, within(1e-6 * Math.abs(cagr / 0.01)));
    // the period's three days each get a value; the first window uses returns before the period
    assertThat(v.rolling())
        .extracting(RollingVolatility::date)
        .containsExactly(janDate(4), janDate(5), janDate(6));
    VolatilityReport twoDays = PortfolioAnalytics.portfolioVolatility(fiveReturns(), 2, 365, 3, 1);
    assertThat(twoDays.rolling())
        .extracting(RollingVolatility::date)
        .containsExactly(janDate(5), janDate(6));
  }

  @Test
  void portfolioVolatility_intradayMarks_areResampledToDays() {
    // base 100, Jan 1 close 110, Jan 2 close 99 → returns 0.1, −0.1 (mean 0, variance 0.02)
    List<NavPoint> nav =
        List.of(
            p("2026-01-01T00:00:00Z", 100),
            p("2026-01-01T12:00:00Z", 110),
            p("2026-01-02T00:00:00Z", 105),
            p("2026-01-02T12:00:00Z", 99));
    VolatilityReport v = PortfolioAnalytics.portfolioVolatility(nav, 30, 365, 2, 1);
    assertThat(v.returns()).isEqualTo(2);
    assertThat(v.dailyVolatility()).isCloseTo(Math.sqrt(0.02), within(EPS));
    assertThat(v.rolling()).extracting(RollingVolatility::date).containsExactly(janDate(2));
  }

  @Test
  void portfolioVolatility_tooFewPoints_isNaN() {
    for (List<NavPoint> nav : List.of(List.<NavPoint>of(), List.of(jan(1, 100)))) {
      VolatilityReport v = PortfolioAnalytics.portfolioVolatility(nav, 30, 365, 30, 1);
      assertThat(v.returns()).isZero();
      assertThat(v.dailyVolatility()).isNaN();
      assertThat(v.annualizedVolatility()).isNaN();
      assertThat(v.sharpe()).isNaN();
      assertThat(v.sortino()).isNaN();
      assertThat(v.calmar()).isNaN();
      assertThat(v.rolling()).isEmpty();
    }
    // one return (−10 %): no standard deviation, but a downside deviation and a drawdown
    VolatilityReport one =
        PortfolioAnalytics.portfolioVolatility(List.of(jan(1, 100), jan(2, 90)), 30, 365, 2, 1);
    assertThat(one.returns()).isEqualTo(1);
    assertThat(one.dailyVolatility()).isNaN();
    assertThat(one.sharpe()).isNaN();
    assertThat(one.sortino()).isCloseTo(-ROOT_365, within(EPS));
    assertThat(one.rolling()).isEmpty();
  }

  @Test
  void portfolioVolatility_constantNav_zeroVolatilityUndefinedRatios() {
    VolatilityReport v =
        PortfolioAnalytics.portfolioVolatility(
            List.of(jan(1, 100), jan(2, 100), jan(3, 100), jan(4, 100)), 30, 365, 2, 1);
    assertThat(v.dailyVolatility()).isEqualTo(0.0);
    assertThat(v.annualizedVolatility()).isEqualTo(0.0);
    assertThat(v.sharpe()).isNaN();
    assertThat(v.sortino()).isNaN();
    assertThat(v.calmar()).isNaN();
    assertThat(v.rolling()).extracting(RollingVolatility::volatility).containsExactly(0.0, 0.0);
  }

  @Test
  void portfolioVolatility_badArguments_areRejected() {
    List<NavPoint> nav = fiveReturns();
    assertThatThrownBy(() -> PortfolioAnalytics.portfolioVolatility(nav, 0, 365, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periodDays");
    assertThatThrownBy(() -> PortfolioAnalytics.portfolioVolatility(nav, 30, 0, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periodsPerYear");
    assertThatThrownBy(() -> PortfolioAnalytics.portfolioVolatility(nav, 30, 365, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollingWindowDays");
    assertThatThrownBy(() -> PortfolioAnalytics.portfolioVolatility(nav, 30, 365, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minRatioReturns");
    assertThatThrownBy(
            () ->
                PortfolioAnalytics.portfolioVolatility(
                    List.of(jan(2, 1), jan(1, 1)), 30, 365, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
