package io.perpetua.analytics.metrics;

/**
 * The worst peak-to-trough decline of a series: {@code depth = min over t of value[t] / peak[t] −
 * 1}, where {@code peak[t]} is the running maximum up to t. Immutable.
 *
 * @param depth the decline as a negative fraction (e.g. −0.142), 0 when the series never falls
 *     below a previous high, {@code NaN} when undefined (no data, or a first value that is not
 *     positive); below −1 only if the series turns negative
 * @param peakIndex index of the peak before the trough (the last index at the peak's level), 0 when
 *     there is no drawdown
 * @param troughIndex index of the trough (the first index at the lowest ratio), 0 when there is no
 *     drawdown
 */
public record MaxDrawdown(double depth, int peakIndex, int troughIndex) {
  /** The undefined drawdown. */
  public static final MaxDrawdown UNDEFINED = new MaxDrawdown(Double.NaN, 0, 0);

  /** True when {@link #depth()} is a number. */
  public boolean isDefined() {
    return !Double.isNaN(depth);
  }
}
