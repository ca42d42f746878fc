package io.perpetua.analytics.overfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapAndJitterTest {
  private static double[] normals(int n, double mean, double sd, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mean + sd * Normal.inverseCdf(random.nextDouble(1e-12, 1 - 1e-12));
    }
    return x;
  }

  @Test
  void interval_ofTheMean_matchesTheNormalTheory() {
    // 2 000 draws of N(0.001, 0.01²): the 95 % interval of the mean is about ±1.96·0.01/√2000 =
    // ±0.000438 around the sample mean.
    double[] x = normals(2000, 0.001, 0.01, 42);
    Interval ci = Bootstrap.interval(x, PerformanceMeasure.MEAN, 2000, 0.95, 1, 9);
    double mean = Moments.of(x).mean();
    assertThat(ci.estimate()).isEqualTo(mean);
    assertThat(ci.upper() - ci.lower()).isCloseTo(2 * 0.000438, within(0.0001));
    assertThat((ci.upper() + ci.lower()) / 2).isCloseTo(mean, within(0.00005));
    assertThat(ci.confidence()).isEqualTo(0.95);
  }

  @Test
  void interval_isReproducibleBySeed() {
    double[] x = normals(300, 0, 1, 1);
    Interval a = Bootstrap.interval(x, PerformanceMeasure.SHARPE, 200, 0.9, 5, 77);
    assertThat(Bootstrap.interval(x, PerformanceMeasure.SHARPE, 200, 0.9, 5, 77)).isEqualTo(a);
    assertThat(Bootstrap.interval(x, PerformanceMeasure.SHARPE, 200, 0.9, 5, 78)).isNotEqualTo(a);
  }

  @Test
  void bestParameters_clearWinner_hasANarrowInterval_noiseAWideOne() {
    int trials = 9;
    double[][] params = new double[trials][1];
    for (int k = 0; k < trials; k++) {
      params[k][0] = 10 + 5 * k; // e.g. a lookback of 10, 15, ..., 50
    }
    double[][] clear = new double[500][trials];
    double[][] noise = new double[500][trials];
    SplittableRandom random = new SplittableRandom(3);
    for (int t = 0; t < 500; t++) {
      for (int k = 0; k < trials; k++) {
        double z = Normal.inverseCdf(random.nextDouble(1e-12, 1 - 1e-12));
        noise[t][k] = 0.01 * z;
        clear[t][k] = 0.01 * z + (k == 4 ? 0.004 : 0);
      }
    }
    Interval c =
        Bootstrap.bestParameters(clear, params, PerformanceMeasure.SHARPE, 300, 0.9, 10, 5)[0];
    assertThat(c.estimate()).isEqualTo(30);
    assertThat(c.lower()).isEqualTo(30);
    assertThat(c.upper()).isEqualTo(30);
    Interval n =
        Bootstrap.bestParameters(noise, params, PerformanceMeasure.SHARPE, 300, 0.9, 10, 5)[0];
    assertThat(n.upper() - n.lower()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void bootstrap_badInput() {
    double[] x = {0.1, 0.2, 0.3};
    assertThatThrownBy(() -> Bootstrap.interval(x, PerformanceMeasure.MEAN, 0, 0.9, 1, 1))
        .hasMessageContaining("resamples");
    assertThatThrownBy(() -> Bootstrap.interval(x, PerformanceMeasure.MEAN, 10, 1.0, 1, 1))
        .hasMessageContaining("confidence");
    assertThatThrownBy(() -> Bootstrap.interval(x, PerformanceMeasure.MEAN, 10, 0.9, 4, 1))
        .hasMessageContaining("blockLength");
  }

  @Test
  void quantile_linearBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(2.5); // numpy.quantile([1,2,3,4], .5)
    assertThat(Bootstrap.quantile(sorted, 0.1)).isCloseTo(1.3, within(1e-15));
  }

  @Test
  void jitter_plateauIsFlat_spikeIsNot() {
    JitterResult plateau =
        ParameterJitter.around(
            new double[] {20, 0.5}, new double[] {2, 0.1}, p -> 1.0 - 0.0001 * (p[0] - 20));
    assertThat(plateau.base()).isEqualTo(1.0);
    assertThat(plateau.worstRelativeChange()).isCloseTo(-0.0002, within(1e-12));
    JitterResult spike =
        ParameterJitter.around(
            new double[] {20, 0.5}, new double[] {2, 0.1}, p -> p[0] == 20 ? 2.0 : 0.5);
    assertThat(spike.worstRelativeChange()).isCloseTo(-0.75, within(1e-12));
    assertThat(spike.meanRelativeChange()).isCloseTo(-0.375, within(1e-12));
    assertThat(spike.minus()).containsExactly(0.5, 2.0);
    assertThat(spike.plus()).containsExactly(0.5, 2.0);
  }

  @Test
  void jitter_callsTheObjectiveAtEachNeighbour() {
    java.util.List<String> calls = new java.util.ArrayList<>();
    ParameterJitter.around(
        new double[] {1, 2},
        new double[] {0.5, 1},
        p -> {
          calls.add(p[0] + "," + p[1]);
          return 1;
        });
    assertThat(calls).containsExactly("1.0,2.0", "0.5,2.0", "1.5,2.0", "1.0,1.0", "1.0,3.0");
    assertThatThrownBy(() -> ParameterJitter.around(new double[] {1}, new double[] {-1}, p -> 1))
        .hasMessageContaining("deltas[0]");
  }
}
