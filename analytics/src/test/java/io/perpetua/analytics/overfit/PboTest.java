package io.perpetua.analytics.overfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PBO by CSCV: constructed matrices with a known answer, seeded noise, and an independent
 * recomputation ({@code tools/overfit-reference/reference.py}, numpy/scipy, run once).
 */
class PboTest {
  /** The deterministic matrix of reference.py's {@code matrix(periods, trials)}. */
  static double[][] referenceMatrix(int periods, int trials) {
    double[][] m = new double[periods][trials];
    for (int t = 0; t < periods; t++) {
      for (int k = 0; k < trials; k++) {
        m[t][k] =
            0.01 * Math.sin(0.37 * t * (k + 1) + 0.11 * k)
                + 0.002 * Math.cos(1.7 * t + k * k)
                + 0.0002 * (k % 3);
      }
    }
    return m;
  }

  static double[][] noise(int periods, int trials, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] m = new double[periods][trials];
    for (int t = 0; t < periods; t++) {
      for (int k = 0; k < trials; k++) {
        m[t][k] = 0.01 * Normal.inverseCdf(random.nextDouble(1e-12, 1 - 1e-12));
      }
    }
    return m;
  }

  @Test
  void isWinnerAlwaysOosLoser_pboIsOne() {
    // Every column of a noise matrix shifted to sum to zero: the sum over J̄ is minus the sum over
    // J, so the trial with the best in-sample mean has the worst out-of-sample mean in every
    // combination.
    double[][] m = noise(320, 25, 11);
    for (int k = 0; k < 25; k++) {
      double sum = 0;
      for (double[] row : m) {
        sum += row[k];
      }
      for (double[] row : m) {
        row[k] -= sum / m.length;
      }
    }
    PboResult r = Pbo.cscv(m, 16, PerformanceMeasure.MEAN);
    assertThat(r.combinations()).isEqualTo(12_870);
    assertThat(r.pbo()).isEqualTo(1.0);
    // rank 1 of 25 every time: λ = ln((1/26) / (25/26)) = −ln 25
    assertThat(java.util.Arrays.stream(r.logits()).boxed().toList())
        .allSatisfy(l -> assertThat(l).isCloseTo(-Math.log(25), within(1e-12)));
    assertThat(r.probabilityOfLoss()).isEqualTo(1.0);
    assertThat(r.degradationSlope()).isCloseTo(-1, within(1e-9));
  }

  @Test
  void isWinnerAlwaysOosWinner_pboIsZero() {
    // Trial k earns k basis points a period on top of noise far smaller than the gaps.
    double[][] m = noise(400, 10, 5);
    for (double[] row : m) {
      for (int k = 0; k < 10; k++) {
        row[k] = row[k] * 0.001 + 0.001 * k;
      }
    }
    PboResult r = Pbo.cscv(m, 16, PerformanceMeasure.SHARPE);
    assertThat(r.pbo()).isZero();
    assertThat(java.util.Arrays.stream(r.logits()).boxed().toList())
        .allSatisfy(l -> assertThat(l).isCloseTo(Math.log(10), within(1e-12)));
    assertThat(r.probabilityOfLoss()).isZero();
  }

  @Test
  void noise_pboIsAboutOneHalf() {
    // Pure noise: the in-sample best is a random draw out of sample. One matrix's PBO varies a lot
    // (the combinations share data), so average 12 seeded matrices.
    double sum = 0;
    int runs = 12;
    for (int seed = 0; seed < runs; seed++) {
      sum += Pbo.cscv(noise(400, 40, 100 + seed), 10, PerformanceMeasure.SHARPE).pbo();
    }
    assertThat(sum / runs).isCloseTo(0.5, within(0.12));
  }

  @Test
  void independentRecomputation() {
    // reference.py: pbo_matrix_200x9_s8, pbo_logits_first, pbo_logits_last, pbo_logits_sum
    PboResult r = Pbo.cscv(referenceMatrix(200, 9), 8, PerformanceMeasure.SHARPE);
    assertThat(r.combinations()).isEqualTo(70);
    assertThat(r.pbo()).isCloseTo(0.4714285714285714, within(1e-15));
    double[] logits = r.logits();
    assertThat(logits[0]).isCloseTo(0.8472978603872034, within(1e-12));
    assertThat(logits[69]).isCloseTo(1.3862943611198908, within(1e-12));
    double sum = 0;
    for (double l : logits) {
      sum += l;
    }
    assertThat(sum).isCloseTo(-11.671140056091229, within(1e-9));
  }

  @Test
  void unequalBlocks_independentRecomputation() {
    // 203 rows in 6 blocks: 34, 34, 34, 34, 34, 33. reference.py: pbo_matrix_203x6_s6,
    // pbo_logits_sum_203x6
    PboResult r = Pbo.cscv(referenceMatrix(203, 6), 6, PerformanceMeasure.SHARPE);
    assertThat(r.combinations()).isEqualTo(20);
    assertThat(r.pbo()).isZero();
    double sum = 0;
    for (double l : r.logits()) {
      sum += l;
    }
    assertThat(sum).isCloseTo(25.3295645363143, within(1e-9));
  }

  @Test
  void seededInput_sameResult() {
    double[][] m = noise(160, 12, 3);
    assertThat(Pbo.cscv(m, 8, PerformanceMeasure.SHARPE))
        .isEqualTo(Pbo.cscv(m, 8, PerformanceMeasure.SHARPE));
  }

  @Test
  void halfMasks_enumerateEveryCombinationInOrder() {
    int[] masks = Pbo.halfMasks(6);
    assertThat(masks).hasSize(20);
    for (int i = 0; i < masks.length; i++) {
      assertThat(Integer.bitCount(masks[i])).isEqualTo(3);
      assertThat(masks[masks.length - 1 - i]).isEqualTo(63 ^ masks[i]);
      if (i > 0) {
        assertThat(masks[i]).isGreaterThan(masks[i - 1]);
      }
    }
  }

  @Test
  void logitHistogram_countsEveryCombination() {
    PboResult r = Pbo.cscv(referenceMatrix(200, 9), 8, PerformanceMeasure.SHARPE);
    int[] h = r.logitHistogram(-3, 3, 12);
    int total = 0;
    for (int c : h) {
      total += c;
    }
    assertThat(total).isEqualTo(70);
  }

  @Test
  void badInput_namesTheProblem() {
    double[][] m = noise(40, 4, 1);
    assertThatThrownBy(() -> Pbo.cscv(m, 7, PerformanceMeasure.SHARPE))
        .hasMessageContaining("partitions must be an even number");
    assertThatThrownBy(() -> Pbo.cscv(m, 22, PerformanceMeasure.SHARPE))
        .hasMessageContaining("partitions");
    assertThatThrownBy(() -> Pbo.cscv(noise(10, 4, 1), 16, PerformanceMeasure.SHARPE))
        .hasMessageContaining("at least as many periods (rows) as partitions (16), has 10");
    assertThatThrownBy(() -> Pbo.cscv(noise(40, 1, 1), 8, PerformanceMeasure.SHARPE))
        .hasMessageContaining("at least 2 trials");
    double[][] ragged = noise(40, 4, 1);
    ragged[5] = new double[3];
    assertThatThrownBy(() -> Pbo.cscv(ragged, 8, PerformanceMeasure.SHARPE))
        .hasMessageContaining("matrix row 6 has 3 values, expected 4");
    double[][] nan = noise(40, 4, 1);
    nan[2][1] = Double.NaN;
    assertThatThrownBy(() -> Pbo.cscv(nan, 8, PerformanceMeasure.SHARPE))
        .hasMessageContaining("matrix row 3, column 2 is not finite");
  }
}
