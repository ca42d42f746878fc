package io.perpetua.analytics.overfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimizer statistics at their edges, with hand-computed values: PBO ranks with ties in and
 * out of sample, the degradation line, the validations at their bounds, the moments of two returns,
 * the bootstrap's block rows and ties, jitter neighbours.
 */
class OverfitEdgesTest {
  private static final PerformanceMeasure MEAN = PerformanceMeasure.MEAN;

  @Test
  void pbo_tiesOutOfSampleCountHalf_andTheDegradationLine() {
    // partitions 2: combination 0 chooses on row 0 and tests on row 1, combination 1 the reverse
    PboResult r = Pbo.cscv(new double[][] {{2, 1, 0}, {3, 3, 3}}, 2, MEAN);
    // c0: best in sample is trial 0 (2); out of sample all three tie at 3: rank 1 + 2/2 = 2 of 4
    // c1: in sample all tie, the first (trial 0) is chosen; out of sample 2 beats 1 and 0: rank 3
    assertThat(r.logits()).containsExactly(new double[] {0.0, Math.log(3)}, within(1e-12));
    assertThat(r.inSample()).containsExactly(2, 3);
    assertThat(r.outOfSample()).containsExactly(3, 2);
    assertThat(r.pbo()).isEqualTo(0.5);
    assertThat(r.probabilityOfLoss()).isZero();
    assertThat(r.degradationSlope()).isCloseTo(-1, within(1e-12));
    assertThat(r.degradationIntercept()).isCloseTo(5, within(1e-12));
    assertThat(r.combinations()).isEqualTo(2);
    assertThat(r.toString())
        .isEqualTo("PboResult[pbo=0.5, combinations=2, trials=3, periods=2, partitions=2]");
  }

  @Test
  void pbo_anInSampleTieKeepsTheFirstTrial_andAZeroOutOfSampleIsNoLoss() {
    PboResult r = Pbo.cscv(new double[][] {{1, 1}, {0, 5}}, 2, MEAN);
    // c0: tie in sample (1, 1): trial 0, whose out-of-sample 0 is below trial 1's 5: rank 1 of 3
    assertThat(r.logits()[0]).isCloseTo(Math.log(0.5), within(1e-12));
    assertThat(r.outOfSample()).containsExactly(0, 1);
    assertThat(r.probabilityOfLoss()).as("an out-of-sample 0 is not a loss").isZero();
  }

  @Test
  void pbo_unevenBlocksAndTheBoundsOfItsInputs() {
    // 3 periods in 2 blocks: rows 0-1 and row 2
    PboResult r = Pbo.cscv(new double[][] {{1, 0}, {3, 0}, {-1, 0}}, 2, MEAN);
    assertThat(r.inSample()).containsExactly(2, 0);
    assertThat(r.outOfSample()).containsExactly(-1, 0);
    assertThat(r.probabilityOfLoss()).isEqualTo(0.5);
    double[][] twenty = new double[20][];
    for (int t = 0; t < 20; t++) {
      twenty[t] = new double[] {t % 3, 1};
    }
    assertThat(Pbo.cscv(twenty, Pbo.MAX_PARTITIONS, MEAN).combinations()).isEqualTo(184_756);
    assertThatThrownBy(() -> Pbo.cscv(new double[22][2], 22, MEAN))
        .hasMessage("partitions must be an even number from 2 to 20, was 22");
    assertThatThrownBy(() -> Pbo.cscv(new double[][] {{1, 2}}, 2, MEAN))
        .hasMessageStartingWith(
            "the matrix needs at least as many periods (rows) as partitions (2)");
  }

  /** A result with five logits from -2 to 3 and {@code partitions}. */
  private static PboResult result(int partitions) {
    return new PboResult(
        0.4,
        new double[] {-2, -0.5, 0, 0.5, 3},
        new double[] {1},
        new double[] {2},
        0.1,
        0.2,
        0.3,
        4,
        5,
        partitions);
  }

  @Test
  void pboResult_valuesHistogramAndIdentity() {
    PboResult r = result(2);
    assertThat(r.logitHistogram(-1, 1, 4)).containsExactly(1, 1, 1, 2);
    assertThat(r.logitHistogram(-1, 1, 1)).containsExactly(5);
    assertThatThrownBy(() -> r.logitHistogram(1, 1, 3)).hasMessage("need bins >= 1 and max > min");
    assertThatThrownBy(() -> r.logitHistogram(-1, 1, 0)).hasMessage("need bins >= 1 and max > min");
    assertThat(r.inSample()).containsExactly(1);
    assertThat(r.outOfSample()).containsExactly(2);
    PboResult same = result(2);
    assertThat(r).isEqualTo(same);
    assertThat(r.hashCode())
        .isEqualTo(same.hashCode())
        .isEqualTo(java.util.Arrays.hashCode(r.logits()) * 31 + Double.hashCode(0.4));
    PboResult other = result(3);
    assertThat(r).isNotEqualTo(other).isNotEqualTo("r");
  }

  @Test
  void sharpeStatistics_validateEveryInput() {
    assertThatThrownBy(() -> SharpeStatistics.psr(0.1, Double.NaN, 100, 0, 3))
        .hasMessage("benchmarkSharpe must be a finite number, was NaN");
    assertThatThrownBy(() -> SharpeStatistics.sharpeVariance(0.1, 100, Double.NaN, 3))
        .hasMessage("skew must be a finite number, was NaN");
    assertThatThrownBy(() -> SharpeStatistics.sharpeVariance(0.1, 100, 0, Double.POSITIVE_INFINITY))
        .hasMessage("kurtosis must be a finite number, was Infinity");
    assertThatThrownBy(() -> SharpeStatistics.sharpeVariance(0.1, 100, 2, 4.5))
        .hasMessageStartingWith("kurtosis must be at least 1 + skew² = 5.0 ");
    assertThat(SharpeStatistics.sharpeVariance(0, 2, 0, 1 - 1e-9))
        .as("at Pearson's bound")
        .isEqualTo(1.0);
    assertThat(SharpeStatistics.sharpeVariance(0, 2, 0, 3)).as("two observations").isEqualTo(1.0);
    assertThatThrownBy(() -> SharpeStatistics.expectedMaxSharpe(10, Double.NaN))
        .hasMessage("trialsVariance must be a finite number, was NaN");
    assertThat(SharpeStatistics.expectedMaxSharpe(10, 0)).isZero();
    assertThatThrownBy(() -> SharpeStatistics.minBacktestLength(10, Double.POSITIVE_INFINITY))
        .hasMessage("targetSharpe must be a finite number, was Infinity");
    assertThatThrownBy(() -> SharpeStatistics.minTrackRecordLength(0.2, 0, 0, 0.5, 0.95))
        .hasMessageStartingWith("kurtosis must be at least 1 + skew² = 1.0 ");
    assertThatThrownBy(() -> SharpeStatistics.minTrackRecordLength(Double.NaN, 0, 0, 3, 0.95))
        .hasMessage("sharpe must be a finite number, was NaN");
    assertThatThrownBy(() -> SharpeStatistics.minTrackRecordLength(0.2, Double.NaN, 0, 3, 0.95))
        .hasMessage("benchmarkSharpe must be a finite number, was NaN");
    for (double c : new double[] {0, 1}) {
      assertThatThrownBy(() -> SharpeStatistics.minTrackRecordLength(0.2, 0, 0, 3, c))
          .hasMessage("confidence must be in (0, 1), was " + c);
    }
  }

  @Test
  void sharpeStatistics_withZeroDispersion() {
    // 1 - skew*SR + (kurtosis - 1)/4*SR^2 = 1 - 2 + 1 = 0 at SR 1, skew 2, kurtosis 5
    assertThat(SharpeStatistics.psr(1, 0.5, 100, 2, 5)).isEqualTo(1.0);
    assertThat(SharpeStatistics.psr(1, 1, 100, 2, 5)).isEqualTo(0.5);
    assertThat(SharpeStatistics.psr(1, 2, 100, 2, 5)).isEqualTo(0.0);
    assertThat(SharpeStatistics.minTrackRecordLength(1, 1, 2, 5, 0.95))
        .as("SR = SR*: no track record is long enough")
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SharpeStatistics.minTrackRecordLength(1, 0.5, 2, 5, 0.95)).isEqualTo(1.0);
  }

  @Test
  void moments_ofTwoReturns_andANearlyConstantSeries() {
    Moments two = Moments.of(new double[] {1, 3});
    assertThat(two.standardDeviation()).isCloseTo(Math.sqrt(2), within(1e-12));
    assertThat(two.skew()).isZero();
    assertThat(two.kurtosis()).isCloseTo(1.0, within(1e-12));
    assertThat(two.sharpe()).isCloseTo(2 / Math.sqrt(2), within(1e-12));
    // spread 1e-5 around 1e6: m2 = 2.5e-11 is above 1e-20 but below 1e-20 * mean^2 = 1e-8
    Moments flat = Moments.of(new double[] {1e6 - 5e-6, 1e6 + 5e-6});
    assertThat(flat.skew()).isNaN();
    assertThat(flat.sharpe()).isNaN();
  }

  @Test
  void bootstrap_blocksTiesAndBounds() {
    SplittableRandom random = new SplittableRandom(5);
    SplittableRandom same = new SplittableRandom(5);
    int[] rows = new int[5];
    Bootstrap.drawRows(random, rows, 2);
    int a = same.nextInt(4);
    int b = same.nextInt(4);
    int c = same.nextInt(4);
    assertThat(rows).containsExactly(a, a + 1, b, b + 1, c);
    assertThat(Bootstrap.quantile(new double[] {1, 2, 4}, 1.0)).isEqualTo(4);
    assertThat(Bootstrap.quantile(new double[] {1, 2, 4}, 0.75)).isEqualTo(3);
    // three trials with the same returns: the first one's parameters are the original choice and
    // every resample's
    double[][] returns = {{0.1, 0.1, 0.1}, {-0.2, -0.2, -0.2}, {0.3, 0.3, 0.3}};
    Interval[] p =
        Bootstrap.bestParameters(returns, new double[][] {{1}, {2}, {3}}, MEAN, 20, 0.9, 1, 7);
    assertThat(p[0].estimate()).isEqualTo(1);
    assertThat(p[0].lower()).isEqualTo(1);
    assertThat(p[0].upper()).isEqualTo(1);
    assertThat(Bootstrap.interval(new double[] {0.5}, MEAN, 1, 0.5, 1, 1).estimate())
        .as("one period, one resample, block of the whole length")
        .isEqualTo(0.5);
    for (double bad : new double[] {0, 1}) {
      assertThatThrownBy(
              () ->
                  Bootstrap.bestParameters(
                      returns, new double[][] {{1}, {2}, {3}}, MEAN, 5, bad, 1, 7))
          .hasMessage("confidence must be in (0, 1), was " + bad);
    }
    assertThatThrownBy(() -> Bootstrap.interval(new double[0], MEAN, 1, 0.5, 1, 1))
        .hasMessage("need at least one period");
    assertThatThrownBy(() -> Bootstrap.interval(new double[] {1}, MEAN, 0, 0.5, 1, 1))
        .hasMessage("resamples must be at least 1, was 0");
    assertThatThrownBy(() -> Bootstrap.interval(new double[] {1, 2}, MEAN, 1, 0.5, 3, 1))
        .hasMessage("blockLength must be from 1 to the number of periods (2), was 3");
  }

  @Test
  void jitter_neighboursRelativeToTheBase() {
    JitterResult j = new JitterResult(2, new double[] {1, 2}, new double[] {3, 2.5});
    assertThat(j.worstRelativeChange()).isEqualTo(-0.5);
    assertThat(j.meanRelativeChange()).isCloseTo((-1 + 1 + 0 + 0.5) / 4 / 2, within(1e-12));
    assertThat(new JitterResult(-2, new double[] {-3}, new double[] {-1}).worstRelativeChange())
        .isEqualTo(-0.5);
    assertThat(new JitterResult(0, new double[] {1}, new double[] {1}).worstRelativeChange())
        .isNaN();
    assertThat(
            new JitterResult(Double.NaN, new double[] {1}, new double[] {1}).meanRelativeChange())
        .isNaN();
    assertThat(
            new JitterResult(1, new double[] {Double.NaN}, new double[] {1}).worstRelativeChange())
        .isNaN();
    assertThat(new JitterResult(1, new double[0], new double[0]).meanRelativeChange()).isNaN();
    assertThat(new JitterResult(1, new double[0], new double[0]).worstRelativeChange()).isZero();
    JitterResult zero =
        ParameterJitter.around(new double[] {1, 2}, new double[] {0, 0.5}, x -> x[0] * x[1]);
    assertThat(zero.minus()).containsExactly(2, 1.5);
    assertThat(zero.plus()).containsExactly(2, 2.5);
  }
}
