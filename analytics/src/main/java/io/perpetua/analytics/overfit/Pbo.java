package io.perpetua.analytics.overfit;

/**
 * The Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV;
 * Bailey, Borwein, López de Prado &amp; Zhu 2017, "The Probability of Backtest Overfitting",
 * Journal of Computational Finance 20(4), section 2). Stateless and thread-safe.
 *
 * <p>The T × N matrix (rows = periods, columns = trials' returns) is cut into S contiguous row
 * blocks of as equal sizes as possible (the first {@code T mod S} blocks have one row more). For
 * each of the {@code C(S, S/2)} choices of S/2 blocks as the in-sample set J (the rest, J̄, out of
 * sample): the trial with the best in-sample performance n* is found (the lowest index on a tie),
 * its out-of-sample rank among all N trials is taken (1 = worst; ties share the average rank), ω =
 * rank / (N + 1), and λ = ln(ω / (1 − ω)). PBO is the share of combinations with λ ≤ 0. The
 * performance of a trial on a block set is measured once and serves both as the in-sample value of
 * one combination and the out-of-sample value of its complement, so the cost is {@code C(S, S/2) ·
 * N · T / 2} reads plus {@code C(S, S/2) · N} measure calls.
 */
public final class Pbo {
  /** The default number of blocks S (the and the paper's example). */
  public static final int DEFAULT_PARTITIONS = 16;

  /** The largest S accepted: C(20, 10) = 184 756 combinations. */
  public static final int MAX_PARTITIONS = 20;

  private Pbo() {}

  /**
   * Runs CSCV.
   *
   * @param returnsPeriodsByTrials T × N returns, {@code [period][trial]}: every row the same length
   *     N ≥ 2, every value finite, T ≥ S
   * @param partitions S, even, 2 ≤ S ≤ {@link #MAX_PARTITIONS}
   * @param measure the performance of a trial on a sub-series (higher is better), e.g. {@link
   *     PerformanceMeasure#SHARPE}
   * @throws IllegalArgumentException naming the bad argument
   */
  public static PboResult cscv(
      double[][] returnsPeriodsByTrials, int partitions, PerformanceMeasure measure) {
    double[][] byTrial = validateAndTranspose(returnsPeriodsByTrials, partitions);
    int periods = returnsPeriodsByTrials.length;
    int trials = byTrial.length;
    int[] blockStart = new int[partitions + 1];
    for (int b = 0; b < partitions; b++) {
      blockStart[b + 1] = blockStart[b] + periods / partitions + (b < periods % partitions ? 1 : 0);
    }
    int[] masks = halfMasks(partitions);
    int combos = masks.length;
    double[] logits = new double[combos];
    double[] inSample = new double[combos];
    double[] outOfSample = new double[combos];
    double[] perfA = new double[trials];
    double[] perfB = new double[trials];
    double[][] buffers = new double[periods + 1][];
    int full = (1 << partitions) - 1;
    for (int c = 0; c < combos / 2; c++) {
      int other = combos - 1 - c; // the masks are sorted, and mask -> full ^ mask reverses them
      measureAll(byTrial, masks[c], blockStart, measure, buffers, perfA);
      measureAll(byTrial, full ^ masks[c], blockStart, measure, buffers, perfB);
      record(c, perfA, perfB, logits, inSample, outOfSample);
      record(other, perfB, perfA, logits, inSample, outOfSample);
    }
    return summarise(logits, inSample, outOfSample, trials, periods, partitions);
  }

  private static PboResult summarise(
      double[] logits,
      double[] inSample,
      double[] outOfSample,
      int trials,
      int periods,
      int partitions) {
    int overfit = 0;
    int losses = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = 0;
    for (int c = 0; c < logits.length; c++) {
      if (logits[c] <= 0) {
        overfit++;
      }
      if (outOfSample[c] < 0) {
        losses++;
      }
      double x = inSample[c];
      double y = outOfSample[c];
      if (Double.isFinite(x) && Double.isFinite(y)) {
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        n++;
      }
    }
    double varX = n == 0 ? 0 : sxx / n - (sx / n) * (sx / n);
    double slope = varX > 1e-300 ? (sxy / n - (sx / n) * (sy / n)) / varX : Double.NaN;
    double intercept = Double.isNaN(slope) ? Double.NaN : sy / n - slope * sx / n;
    int combos = logits.length;
    return new PboResult(
        (double) overfit / combos,
        logits,
        inSample,
        outOfSample,
        slope,
        intercept,
        (double) losses / combos,
        trials,
        periods,
        partitions);
  }

  /** Combination {@code c}: the best of {@code is}, ranked in {@code oos}. */
  private static void record(
      int c, double[] is, double[] oos, double[] logits, double[] inSample, double[] outOfSample) {
    int best = 0;
    for (int k = 1; k < is.length; k++) {
      if (rankValue(is[k]) > rankValue(is[best])) {
        best = k;
      }
    }
    double target = rankValue(oos[best]);
    int less = 0;
    int equal = 0;
    for (int k = 0; k < oos.length; k++) {
      double v = rankValue(oos[k]);
      if (v < target) {
        less++;
      } else if (v == target && k != best) {
        equal++;
      }
    }
    double rank = 1 + less + equal / 2.0;
    double omega = rank / (oos.length + 1);
    logits[c] = Math.log(omega / (1 - omega));
    inSample[c] = is[best];
    outOfSample[c] = oos[best];
  }

  private static double rankValue(double v) {
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }

  private static void measureAll(
      double[][] byTrial,
      int mask,
      int[] blockStart,
      PerformanceMeasure measure,
      double[][] buffers,
      double[] out) {
    int length = 0;
    for (int b = 0; b < blockStart.length - 1; b++) {
      if ((mask & (1 << b)) != 0) {
        length += blockStart[b + 1] - blockStart[b];
      }
    }
    double[] buffer = buffers[length];
    if (buffer == null) {
      buffer = new double[length];
      buffers[length] = buffer;
    }
    for (int k = 0; k < byTrial.length; k++) {
      int at = 0;
      for (int b = 0; b < blockStart.length - 1; b++) {
        if ((mask & (1 << b)) != 0) {
          int size = blockStart[b + 1] - blockStart[b];
          System.arraycopy(byTrial[k], blockStart[b], buffer, at, size);
          at += size;
        }
      }
      out[k] = measure.of(buffer);
    }
  }

  /** Every S-bit mask with S/2 bits set, in increasing order (Gosper's hack). */
  static int[] halfMasks(int partitions) {
    int half = partitions / 2;
    int count = (int) binomial(partitions, half);
    int[] masks = new int[count];
    int mask = (1 << half) - 1;
    for (int i = 0; i < count; i++) {
      masks[i] = mask;
      int lowest = mask & -mask;
      int ripple = mask + lowest;
      mask = (((ripple ^ mask) >>> 2) / lowest) | ripple;
    }
    return masks;
  }

  static long binomial(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }

  private static double[][] validateAndTranspose(double[][] matrix, int partitions) {
    if (partitions < 2 || partitions > MAX_PARTITIONS || partitions % 2 != 0) {
      throw new IllegalArgumentException(
          "partitions must be an even number from 2 to " + MAX_PARTITIONS + ", was " + partitions);
    }
    if (matrix == null || matrix.length < partitions) {
      throw new IllegalArgumentException(
          "the matrix needs at least as many periods (rows) as partitions ("
              + partitions
              + "), has "
              + (matrix == null ? 0 : matrix.length));
    }
    int trials = matrix[0] == null ? 0 : matrix[0].length;
    if (trials < 2) {
      throw new IllegalArgumentException(
          "the matrix needs at least 2 trials (columns), has " + trials);
    }
    double[][] byTrial = new double[trials][matrix.length];
    for (int t = 0; t < matrix.length; t++) {
      double[] row = matrix[t];
      if (row == null || row.length != trials) {
        throw new IllegalArgumentException(
            "matrix row "
                + (t + 1)
                + " has "
                + (row == null ? 0 : row.length)
                + " values, expected "
                + trials);
      }
      for (int k = 0; k < trials; k++) {
        if (!Double.isFinite(row[k])) {
          throw new IllegalArgumentException(
              "matrix row " + (t + 1) + ", column " + (k + 1) + " is not finite: " + row[k]);
        }
        byTrial[k][t] = row[k];
      }
    }
    return byTrial;
  }
}
