package io.perpetua.trading.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The two-sample KS test against hand-computed statistics and SciPy 1.17.1 references ({@code
 * scipy.stats.ks_2samp(a, b).statistic}, {@code scipy.stats.kstwobign.sf(sqrt(n*m/(n+m))*D)}).
 */
class KolmogorovSmirnovTest {
  @Test
  void statistic_smallSamples_equalsTheHandComputedSupremum() {
    double[] a = {0.1, 0.2, 0.3, 0.4, 0.5};
    double[] b = {0.35, 0.45, 0.55, 0.65, 0.75, 0.85};
    // at 0.5: F_a = 5/5, F_b = 2/6 (0.35, 0.45) -> D = 1 - 1/3 = 2/3, the largest gap
    assertThat(KolmogorovSmirnov.statistic(a, b)).isCloseTo(2.0 / 3.0, within(1e-15));
    assertThat(KolmogorovSmirnov.statistic(b, a)).isCloseTo(2.0 / 3.0, within(1e-15));
    // scipy: kstwobign.sf(sqrt(30/11) * 2/3) = 0.1769674083331658
    assertThat(KolmogorovSmirnov.pValue(2.0 / 3.0, 5, 6))
        .isCloseTo(0.1769674083331658, within(1e-9));
  }

  @Test
  void statistic_tiesAcrossSamples_areStepsOfBothFunctions() {
    // F_a jumps to 1/2 at 1 and 1 at 2; F_b to 1/2 at 1 and 1 at 3: D = |1 - 1/2| at 2
    assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2}, new double[] {1, 3}))
        .isEqualTo(0.5);
    assertThat(KolmogorovSmirnov.statistic(new double[] {1, 1, 1}, new double[] {1})).isZero();
  }

  @Test
  void kolmogorovSurvival_matchesScipyOnBothSidesOfTheSeriesSwitch() {
    double[][] reference = {
      {0.3, 0.9999906941986655},
      {0.5, 0.9639452436648751},
      {1.0, 0.26999967167735456},
      {1.17, 0.12939004218561884},
      {1.19, 0.11774229287977166},
      {1.5, 0.022217962616525127},
      {2.0, 0.0006709252557796953},
    };
    for (double[] r : reference) {
      assertThat(KolmogorovSmirnov.kolmogorovSurvival(r[0]))
          .as("Q_KS(%s)", r[0])
          .isCloseTo(r[1], within(1e-12));
    }
    assertThat(KolmogorovSmirnov.kolmogorovSurvival(0)).isEqualTo(1.0);
  }

  @Test
  void sampledReturns_matchScipyKs2samp() {
    double[] x = {
      0.001, 0.004, -0.0017, -0.0079, -0.0035, -0.0089, 0.0016, 0.0144, -0.0039, -0.0052, 0.0059,
      0.0046, 0.0021, -0.0083, 0.0007, 0.008, -0.0124, -0.0036, -0.018, -0.0119, -0.0174, -0.0014,
      -0.0117, 0.0037, 0.0026, -0.0009, -0.0242, -0.0044, 0.0005, 0.0021, -0.0143, -0.0038, -0.0088,
      -0.0071, 0.0116, -0.0071, 0.0007, 0.0098, -0.0048, -0.0001
    };
    double[] y = {
      0.0022, 0.0013, -0.0245, 0.0015, 0.0272, -0.0309, 0.0172, 0.0024, -0.0128, 0.04, 0.0152,
      -0.024, 0.0015, 0.0115, -0.0038, 0.0137, -0.0013, 0.0133, 0.0288, -0.0135, 0.0041, -0.0093,
      0.0025, -0.0237, -0.0116, -0.0039, 0.018, 0.0229, -0.0265, -0.0159, 0.0129, -0.0398, -0.0093,
      -0.0019, 0.0251, 0.0138, -0.0065, -0.0074, -0.005, 0.0305, -0.0086, -0.0061, 0.0071, -0.0024,
      -0.0039, -0.0223, -0.0002, -0.0089, 0.0233, 0.0131, -0.0005, 0.0134, -0.0068, 0.021, -0.0001,
      0.0117, -0.0258, 0.0069, -0.0338, -0.0407
    };
    double d = KolmogorovSmirnov.statistic(x, y);
    assertThat(d).isCloseTo(0.275, within(1e-12));
    assertThat(KolmogorovSmirnov.pValue(d, 40, 60)).isCloseTo(0.05303138009598185, within(1e-9));
  }

  @Test
  void emptyOrNanSamples_areRefused() {
    assertThatThrownBy(() -> KolmogorovSmirnov.statistic(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KolmogorovSmirnov.statistic(new double[] {Double.NaN}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
