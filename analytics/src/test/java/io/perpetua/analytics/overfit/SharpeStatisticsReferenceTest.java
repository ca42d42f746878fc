package io.perpetua.analytics.overfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * PSR, DSR, expected maximum Sharpe, MinTRL and MinBTL against the papers' worked examples and an
 * independent recomputation ({@code tools/overfit-reference/reference.py}, scipy 1.17.1, run once;
 * its output is quoted next to each value).
 */
class SharpeStatisticsReferenceTest {
  private static final double TIGHT = 1e-12;

  @Test
  void dsr_paperNumericalExample() {
    // Bailey & López de Prado 2014, "The Deflated Sharpe Ratio", section "A numerical example":
    // N = 100 trials, V[SR] = 1/2 annualised, best SR 2.5 annualised over T = 1250 daily
    // observations (250 a year), skew -3, kurtosis 10. The paper: SR0 ≈ 0.1132 per day,
    // DSR ≈ 0.9004. reference.py: dsr_example_sr0_per_day, dsr_example_dsr.
    double sr0 = SharpeStatistics.expectedMaxSharpe(100, 0.5 / 250);
    assertThat(sr0).isCloseTo(0.1132, within(5e-5)).isCloseTo(0.11317200186513214, within(TIGHT));
    double dsr = SharpeStatistics.dsr(2.5 / Math.sqrt(250), 1250, 100, 0.5 / 250, -3, 10);
    assertThat(dsr).isCloseTo(0.9004, within(5e-5)).isCloseTo(0.9003968344493903, within(TIGHT));
  }

  @Test
  void dsr_issueCliExample() {
    // The issue's example: annual SR 1.8, 1000 observations, 50 trials, V 0.3 annual, skew -1,
    // kurtosis 6, 365 periods a year. reference.py: issue_example_sr0_per_day, issue_example_dsr.
    double v = 0.3 / 365;
    assertThat(SharpeStatistics.expectedMaxSharpe(50, v))
        .isCloseTo(0.06525958139770854, within(TIGHT));
    assertThat(SharpeStatistics.dsr(1.8 / Math.sqrt(365), 1000, 50, v, -1, 6))
        .isCloseTo(0.8079978455049897, within(TIGHT));
  }

  @Test
  void psr_independentRecomputation() {
    // reference.py: psr_a, psr_b
    assertThat(SharpeStatistics.psr(0.1, 0, 250, -0.5, 4.5))
        .isCloseTo(0.9374319841041768, within(TIGHT));
    assertThat(SharpeStatistics.psr(0.05, 0.02, 1000, 0.3, 3.2))
        .isCloseTo(0.8301442077742193, within(TIGHT));
  }

  @Test
  void psr_normalReturns_reducesToTheTextbookZTest() {
    // skew 0, kurtosis 3: sigma(SR) = sqrt((1 + SR²/2) / (T − 1)) (Lo 2002)
    double sr = 0.08;
    double expected = Normal.cdf(sr / Math.sqrt((1 + sr * sr / 2) / 499));
    assertThat(SharpeStatistics.psr(sr, 0, 500, 0, 3)).isCloseTo(expected, within(1e-15));
    assertThat(SharpeStatistics.psr(0.05, 0.05, 500, 0, 3)).isEqualTo(0.5);
  }

  @Test
  void psr_negativeSkewAndFatTails_lowerTheProbability() {
    double normal = SharpeStatistics.psr(0.1, 0, 250, 0, 3);
    double skewed = SharpeStatistics.psr(0.1, 0, 250, -2, 3 + 10);
    assertThat(skewed).isLessThan(normal);
  }

  @Test
  void expectedMaxSharpe_independentRecomputation() {
    // reference.py: exp_max_1000_1, exp_max_10_1 (unit variance: the expected max of N normals)
    assertThat(SharpeStatistics.expectedMaxSharpe(1000, 1))
        .isCloseTo(3.255121513652723, within(TIGHT));
    assertThat(SharpeStatistics.expectedMaxSharpe(10, 1))
        .isCloseTo(1.57459830134575, within(TIGHT));
    assertThat(SharpeStatistics.expectedMaxSharpe(10, 4))
        .isCloseTo(2 * 1.57459830134575, within(TIGHT));
    assertThat(SharpeStatistics.expectedMaxSharpe(1, 0.3)).isZero();
  }

  @Test
  void expectedMaxSharpe_isCloseToTheSimulatedMaximum() {
    // Monte Carlo, seeded: the mean of the max of 100 standard normals over 20 000 draws is
    // 2.5076 (exact value 2.50759...); the approximation gives 2.5318, within 1 %.
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    double sum = 0;
    int runs = 20_000;
    for (int r = 0; r < runs; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < 100; i++) {
        max = Math.max(max, gaussian(random));
      }
      sum += max;
    }
    assertThat(SharpeStatistics.expectedMaxSharpe(100, 1)).isCloseTo(sum / runs, within(0.03));
  }

  private static double gaussian(java.util.SplittableRandom random) {
    return Normal.inverseCdf(random.nextDouble(1e-300, 1));
  }

  @Test
  void minTrackRecordLength_independentRecomputation() {
    // reference.py: mintrl_a (per-period SR 0.1, 95 %), mintrl_b (monthly: annual SR 2 vs 1)
    assertThat(SharpeStatistics.minTrackRecordLength(0.1, 0, -0.5, 4.5, 0.95))
        .isCloseTo(287.4494132023519, within(1e-9));
    assertThat(
            SharpeStatistics.minTrackRecordLength(
                2 / Math.sqrt(12), 1 / Math.sqrt(12), -0.75, 5, 0.95))
        .isCloseTo(58.34711143926254, within(1e-10));
  }

  @Test
  void minTrackRecordLength_isWherePsrReachesTheConfidence() {
    double sr = 0.07;
    double minTrl = SharpeStatistics.minTrackRecordLength(sr, 0.01, -1, 6, 0.95);
    assertThat(SharpeStatistics.psr(sr, 0.01, minTrl, -1, 6)).isCloseTo(0.95, within(1e-12));
    assertThat(SharpeStatistics.minTrackRecordLength(0.01, 0.01, 0, 3, 0.95)).isInfinite();
  }

  @Test
  void minBacktestLength_paperExample() {
    // Bailey, Borwein, López de Prado & Zhu 2014 (Notices of the AMS 61(5)): with 5 years of
    // data no more than 45 independent configurations should be tried for an expected maximum
    // annual Sharpe ratio of 1: MinBTL(45, 1) ≈ 5 years. reference.py: minbtl_45_1,
    // minbtl_1000_1.5.
    assertThat(SharpeStatistics.minBacktestLength(45, 1))
        .isCloseTo(5, within(0.01))
        .isCloseTo(4.998087004443404, within(TIGHT));
    assertThat(SharpeStatistics.minBacktestLength(1000, 1.5))
        .isCloseTo(4.709251586064354, within(TIGHT));
    // and the paper's upper bound MinBTL < 2 ln(N) / SR²
    assertThat(SharpeStatistics.minBacktestLength(45, 1)).isLessThan(2 * Math.log(45));
  }

  @Test
  void badInput_namesTheArgument() {
    assertThatThrownBy(() -> SharpeStatistics.psr(0.1, 0, 1, 0, 3))
        .hasMessageContaining("observations");
    assertThatThrownBy(() -> SharpeStatistics.psr(0.1, 0, 100, -1, 0))
        .hasMessageContaining("kurtosis must be at least 1 + skew² = 2.0");
    assertThatThrownBy(() -> SharpeStatistics.expectedMaxSharpe(0, 1))
        .hasMessageContaining("trials");
    assertThatThrownBy(() -> SharpeStatistics.expectedMaxSharpe(10, -1))
        .hasMessageContaining("trialsVariance");
    assertThatThrownBy(() -> SharpeStatistics.minBacktestLength(10, 0))
        .hasMessageContaining("targetSharpe");
    assertThatThrownBy(() -> SharpeStatistics.minTrackRecordLength(0.1, 0, 0, 3, 1))
        .hasMessageContaining("confidence");
    assertThatThrownBy(() -> SharpeStatistics.psr(Double.NaN, 0, 100, 0, 3))
        .hasMessageContaining("sharpe");
  }

  @Test
  void moments_populationSkewAndNonExcessKurtosis() {
    // r = 1, 2, 3, 4, 10: mean 4, deviations -3 -2 -1 0 6; m2 = 50/5 = 10, m3 = (-27-8-1+216)/5
    // = 36, m4 = (81+16+1+1296)/5 = 278.8; skew = 36 / 10^1.5, kurtosis = 278.8 / 100.
    Moments m = Moments.of(new double[] {1, 2, 3, 4, 10});
    assertThat(m.mean()).isEqualTo(4);
    assertThat(m.standardDeviation()).isCloseTo(Math.sqrt(50.0 / 4), within(1e-15));
    assertThat(m.skew()).isCloseTo(36 / Math.pow(10, 1.5), within(1e-15));
    assertThat(m.kurtosis()).isCloseTo(2.788, within(1e-14));
    assertThat(m.sharpe()).isCloseTo(4 / Math.sqrt(12.5), within(1e-15));
    assertThat(Moments.of(new double[] {0.01, 0.01, 0.01}).sharpe()).isNaN();
    assertThat(Moments.of(new double[0]).count()).isZero();
  }
}
