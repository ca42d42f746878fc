package io.perpetua.analytics.overfit;

import java.util.Arrays;

/**
 * The outcome of combinatorially symmetric cross-validation ({@link Pbo#cscv}). One entry per
 * combination in the arrays, in the order the combinations were enumerated (training subsets in
 * increasing bit-mask order). Immutable: the accessors return copies.
 *
 * @param pbo the probability of backtest overfitting: the share of combinations whose logit is ≤ 0
 *     (the in-sample best trial ranked at or below the out-of-sample median)
 * @param logits λ per combination, {@code ln(ω / (1 − ω))} with ω the out-of-sample relative rank
 *     of the in-sample best trial, {@code rank / (N + 1)}
 * @param inSample the in-sample performance of the in-sample best trial, per combination
 * @param outOfSample the out-of-sample performance of that same trial, per combination
 * @param degradationSlope slope of the least-squares line {@code outOfSample ~ inSample}
 *     (performance degradation; negative is the signature of overfitting); {@code NaN} when the
 *     in-sample values do not vary
 * @param degradationIntercept intercept of that line
 * @param probabilityOfLoss share of combinations whose out-of-sample performance is below 0
 * @param trials N, the number of trials (columns)
 * @param periods T, the number of periods (rows)
 * @param partitions S, the number of row blocks
 */
public record PboResult(
    double pbo,
    double[] logits,
    double[] inSample,
    double[] outOfSample,
    double degradationSlope,
    double degradationIntercept,
    double probabilityOfLoss,
    int trials,
    int periods,
    int partitions) {
  /** Copies the arrays. */
  public PboResult {
    logits = logits.clone();
    inSample = inSample.clone();
    outOfSample = outOfSample.clone();
  }

  /** The number of combinations, {@code C(S, S/2)}. */
  public int combinations() {
    return logits.length;
  }

  @Override
  public double[] logits() {
    return logits.clone();
  }

  @Override
  public double[] inSample() {
    return inSample.clone();
  }

  @Override
  public double[] outOfSample() {
    return outOfSample.clone();
  }

  /**
   * A histogram of the logits: {@code bins} equal bins over [{@code min}, {@code max}], values
   * outside clamped to the end bins; for the logit chart.
   */
  public int[] logitHistogram(double min, double max, int bins) {
    if (bins < 1 || !(max > min)) {
      throw new IllegalArgumentException("need bins >= 1 and max > min");
    }
    int[] counts = new int[bins];
    for (double l : logits) {
      int b = (int) Math.floor((l - min) / (max - min) * bins);
      counts[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PboResult r
        && Double.compare(pbo, r.pbo) == 0
        && Arrays.equals(logits, r.logits)
        && Arrays.equals(inSample, r.inSample)
        && Arrays.equals(outOfSample, r.outOfSample)
        && Double.compare(degradationSlope, r.degradationSlope) == 0
        && Double.compare(degradationIntercept, r.degradationIntercept) == 0
        && Double.compare(probabilityOfLoss, r.probabilityOfLoss) == 0
        && trials == r.trials
        && periods == r.periods
        && partitions == r.partitions;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(logits) * 31 + Double.hashCode(pbo);
  }

  @Override
  public String toString() {
    return "PboResult[pbo="
        + pbo
        + ", combinations="
        + logits.length
        + ", trials="
        + trials
        + ", periods="
        + periods
        + ", partitions="
        + partitions
        + "]";
  }
}
