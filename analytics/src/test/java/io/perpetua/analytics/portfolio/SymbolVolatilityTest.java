package io.perpetua.analytics.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.analytics.metrics.ReturnStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolVolatilityTest {
  private static final double EPS = 1e-12;
  private static final double ROOT_365 = Math.sqrt(365);
  private static final double NAN = Double.NaN;

  // A: 0.01, 0.03, −0.01, 0.01 → mean 0.01, deviations 0, 0.02, −0.02, 0 → Σd² = 8e-4
  // B: 0.02, −0.02, 0.00, 0.04 → mean 0.01, deviations 0.01, −0.03, −0.01, 0.03 → Σd² = 2e-3
  // Σ dA·dB = 0.02·(−0.03) + (−0.02)·(−0.01) = −4e-4
  // sample covariance (÷3): var A = 8e-4/3, var B = 2e-3/3, cov = −4e-4/3
  // w = (0.5, −0.25): (Σw)_A = (0.5·8e-4 + 0.25·4e-4)/3 = 5e-4/3
  //                   (Σw)_B = (−0.5·4e-4 − 0.25·2e-3)/3 = −7e-4/3
  // σ_p² = 0.5·5e-4/3 + 0.25·7e-4/3 = 4.25e-4/3, contributions 2.5/4.25 and 1.75/4.25 of σ_p
  // check: p = 0.5A − 0.25B = 0, 0.02, −0.005, −0.005 → mean 0.0025, Σd² = 4.25e-4 ✓
  private static final double[] A = {0.01, 0.03, -0.01, 0.01};
  private static final double[] B = {0.02, -0.02, 0.00, 0.04};
  private static final double SIGMA_P = Math.sqrt(4.25e-4 / 3);

  @Test
  void symbolVolatility_handComputed_eulerContributions() {
    List<SymbolVolatility> out =
        PortfolioAnalytics.symbolVolatility(
            List.of("A", "B"), new double[][] {A, B}, new double[] {0.5, -0.25}, 365);
    assertThat(out).extracting(SymbolVolatility::symbol).containsExactly("A", "B");
    assertThat(out.get(0).weight()).isEqualTo(0.5);
    assertThat(out.get(1).weight()).isEqualTo(-0.25);
    assertThat(out.get(0).annualizedVolatility())
        .isCloseTo(Math.sqrt(8e-4 / 3) * ROOT_365, within(EPS));
    assertThat(out.get(1).annualizedVolatility())
        .isCloseTo(Math.sqrt(2e-3 / 3) * ROOT_365, within(EPS));
    assertThat(out.get(0).contributionToPortfolioVol())
        .isCloseTo(2.5 / 4.25 * SIGMA_P * ROOT_365, within(EPS));
    assertThat(out.get(1).contributionToPortfolioVol())
        .isCloseTo(1.75 / 4.25 * SIGMA_P * ROOT_365, within(EPS));
  }

  @Test
  void symbolVolatility_missingDays_ownVolUsesAllDaysCovarianceOnlyCompleteDays() {
    // day 5: A has 0.05, B is missing; C has no weight and no data at all
    double[] a = {0.01, 0.03, -0.01, 0.01, 0.05};
    double[] b = {0.02, -0.02, 0.00, 0.04, NAN};
    double[] c = {NAN, NAN, NAN, NAN, NAN};
    List<SymbolVolatility> out =
        PortfolioAnalytics.symbolVolatility(
            List.of("A", "B", "C"), new double[][] {a, b, c}, new double[] {0.5, -0.25, 0}, 365);
    assertThat(out.get(0).annualizedVolatility())
        .isCloseTo(ReturnStatistics.volatility(a, 365), within(EPS));
    // contributions as in the 4-day fixture: day 5 is not complete and C (weight 0) does not count
    assertThat(out.get(0).contributionToPortfolioVol())
        .isCloseTo(2.5 / 4.25 * SIGMA_P * ROOT_365, within(EPS));
    assertThat(out.get(1).contributionToPortfolioVol())
        .isCloseTo(1.75 / 4.25 * SIGMA_P * ROOT_365, within(EPS));
    assertThat(out.get(2).contributionToPortfolioVol()).isEqualTo(0.0);
    assertThat(out.get(2).annualizedVolatility()).isNaN();
  }

  @Test
  void symbolVolatility_contributionsSumToPortfolioVolatility() {
    // seeded random universe: 5 symbols, 120 days, ~10 % missing values, mixed-sign weights
    Random rnd = new Random(42);
    int k = 5;
    int days = 120;
    double[][] r = new double[k][days];
    double[] w = {0.3, -0.2, 0.15, 0.0, -0.35};
    for (int t = 0; t < days; t++) {
      double market = rnd.nextGaussian() * 0.02;
      for (int i = 0; i < k; i++) {
        r[i][t] =
            rnd.nextDouble() < 0.1 ? NAN : market * (0.5 + i * 0.3) + rnd.nextGaussian() * 0.01;
      }
    }
    List<String> symbols = List.of("S0", "S1", "S2", "S3", "S4");
    List<SymbolVolatility> out = PortfolioAnalytics.symbolVolatility(symbols, r, w, 365);
    double sum = out.stream().mapToDouble(SymbolVolatility::contributionToPortfolioVol).sum();
    // the weighted return on the days where every weighted symbol (not S3) has a value
    List<Double> portfolio = new ArrayList<>();
    for (int t = 0; t < days; t++) {
      double p = 0;
      for (int i = 0; i < k; i++) {
        p += w[i] == 0 ? 0 : w[i] * r[i][t];
      }
      if (!Double.isNaN(p)) {
        portfolio.add(p);
      }
    }
    double[] series = portfolio.stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(series.length).isBetween(40, 100);
    assertThat(sum).isCloseTo(ReturnStatistics.volatility(series, 365), within(1e-12));
    assertThat(out.get(3).contributionToPortfolioVol()).isEqualTo(0.0);
  }

  @Test
  void symbolVolatility_tooFewCompleteDaysOrNoRisk_contributionsNaN() {
    double[] a = {0.01, NAN, 0.02};
    double[] b = {NAN, 0.03, 0.01};
    List<SymbolVolatility> one =
        PortfolioAnalytics.symbolVolatility(
            List.of("A", "B"), new double[][] {a, b}, new double[] {1, 1}, 365);
    assertThat(one).allSatisfy(s -> assertThat(s.contributionToPortfolioVol()).isNaN());
    assertThat(one.get(0).annualizedVolatility()).isNotNaN();
    double[] flat = {0.01, 0.01, 0.01};
    assertThat(
            PortfolioAnalytics.symbolVolatility(
                    List.of("F"), new double[][] {flat}, new double[] {1}, 365)
                .getFirst()
                .contributionToPortfolioVol())
        .isNaN();
    assertThat(PortfolioAnalytics.symbolVolatility(List.of(), new double[0][], new double[0], 365))
        .isEmpty();
  }

  @Test
  void symbolVolatility_badInput_isRejected() {
    double[][] two = {A, B};
    assertThatThrownBy(
            () -> PortfolioAnalytics.symbolVolatility(List.of("A"), two, new double[] {1, 1}, 365))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 symbols");
    assertThatThrownBy(
            () ->
                PortfolioAnalytics.symbolVolatility(
                    List.of("A", "B"),
                    new double[][] {A, Arrays.copyOf(B, 3)},
                    new double[] {1, 1},
                    365))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aligned");
    assertThatThrownBy(
            () ->
                PortfolioAnalytics.symbolVolatility(
                    List.of("A", "B"), two, new double[] {1, NAN}, 365))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight of B");
    assertThatThrownBy(
            () ->
                PortfolioAnalytics.symbolVolatility(
                    List.of("A", "A"), two, new double[] {1, 1}, 365))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
    assertThatThrownBy(
            () -> PortfolioAnalytics.symbolVolatility(List.of("A", "B"), two, new double[2], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
