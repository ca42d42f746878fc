package io.perpetua.jobs;

/**
 * Equity marked at each bar close: {@code equity[k]} at {@code timesMs[k]}. The arrays are owned by
 * the curve; do not modify.
 *
 * @param timesMs increasing times, epoch ms
 * @param equity equity, USDT
 */
public record EquityCurve(long[] timesMs, double[] equity) {
  /** Validates the shape. */
  public EquityCurve {
    if (timesMs.length != equity.length) {
      throw new IllegalArgumentException("times and equity differ in length");
    }
  }

  /** Number of points. */
  public int size() {
    return timesMs.length;
  }
}
