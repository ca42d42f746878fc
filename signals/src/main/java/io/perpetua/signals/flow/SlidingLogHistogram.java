package io.perpetua.signals.flow;

/**
 * Quantiles of a positive quantity over a sliding time window, from a log-spaced histogram kept per
 * time slice: each value lands in bin {@code floor(ln(v/min)/ln(1+resolution))}; the window holds
 * the slices {@code (current − slices, current]}. Adding is O(1), moving the clock O(bins) per
 * elapsed slice, a quantile read O(bins); memory is {@code slices × bins} ints however many values
 * arrive (24 h of BTC flow fits in about a megabyte). A quantile is exact to within one bin: the
 * returned value is the geometric centre of the bin holding the nearest-rank quantile, so its
 * relative error is at most {@code resolution/2} for values inside {@code [min, max]}; values
 * outside are clamped to the edge bins.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class SlidingLogHistogram {
  private final long sliceMs;
  private final int slices;
  private final double min;
  private final double logStep;
  private final int bins;
  private final int[][] counts; // [slice][bin]
  private final long[] total;
  private long totalCount;
  private long current = Long.MIN_VALUE;

  /**
   * Creates the histogram.
   *
   * @param windowMs window length, a multiple of {@code sliceMs}
   * @param sliceMs slice width
   * @param min the smallest resolved value (positive)
   * @param max the largest resolved value ({@code > min})
   * @param resolution relative bin width, e.g. 0.025
   */
  public SlidingLogHistogram(
      long windowMs, long sliceMs, double min, double max, double resolution) {
    if (sliceMs <= 0 || windowMs <= 0 || windowMs % sliceMs != 0) {
      throw new IllegalArgumentException("window must be a positive multiple of the slice");
    }
    if (!(min > 0) || !(max > min) || !(resolution > 0)) {
      throw new IllegalArgumentException("need 0 < min < max and a positive resolution");
    }
    this.sliceMs = sliceMs;
    this.slices = (int) (windowMs / sliceMs);
    this.min = min;
    this.logStep = Math.log1p(resolution);
    this.bins = (int) Math.ceil(Math.log(max / min) / logStep) + 1;
    this.counts = new int[slices][bins];
    this.total = new long[bins];
  }

  /** Moves the clock, dropping slices that left the window. */
  public void advanceTo(long timeMs) {
    long s = Math.floorDiv(timeMs, sliceMs);
    if (current == Long.MIN_VALUE) {
      current = s;
      return;
    }
    if (s <= current) {
      return;
    }
    long steps = Math.min(s - current, slices);
    for (long k = 1; k <= steps; k++) {
      int[] slice = counts[(int) Math.floorMod(current + k, (long) slices)];
      for (int b = 0; b < bins; b++) {
        if (slice[b] != 0) {
          total[b] -= slice[b];
          totalCount -= slice[b];
          slice[b] = 0;
        }
      }
    }
    current = s;
  }

  /** Adds a value observed at {@code timeMs} (late values count in the current slice). */
  public void add(long timeMs, double value) {
    advanceTo(timeMs);
    int b = bin(value);
    counts[(int) Math.floorMod(current, (long) slices)][b]++;
    total[b]++;
    totalCount++;
  }

  /** Values in the window. */
  public long count() {
    return totalCount;
  }

  /**
   * The nearest-rank {@code q}-quantile ({@code 0 < q ≤ 1}) of the window, or NaN when empty. Does
   * not change state.
   */
  public double quantile(double q) {
    if (totalCount == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * totalCount));
    long seen = 0;
    for (int b = 0; b < bins; b++) {
      seen += total[b];
      if (seen >= rank) {
        return min * Math.exp((b + 0.5) * logStep);
      }
    }
    return min * Math.exp((bins - 0.5) * logStep);
  }

  /**
   * Two nearest-rank quantiles {@code lo ≤ hi} in one pass (NaN when empty), written to {@code
   * out[0]} and {@code out[1]}. Does not change state.
   */
  public void quantiles(double lo, double hi, double[] out) {
    if (totalCount == 0) {
      out[0] = Double.NaN;
      out[1] = Double.NaN;
      return;
    }
    long rankLo = Math.max(1, (long) Math.ceil(lo * totalCount));
    long rankHi = Math.max(1, (long) Math.ceil(hi * totalCount));
    long seen = 0;
    boolean loDone = false;
    for (int b = 0; b < bins; b++) {
      seen += total[b];
      if (!loDone && seen >= rankLo) {
        out[0] = min * Math.exp((b + 0.5) * logStep);
        loDone = true;
      }
      if (seen >= rankHi) {
        out[1] = min * Math.exp((b + 0.5) * logStep);
        return;
      }
    }
    out[1] = min * Math.exp((bins - 0.5) * logStep);
    if (!loDone) {
      out[0] = out[1];
    }
  }

  /** The number of bins. */
  public int bins() {
    return bins;
  }

  int bin(double value) {
    if (!(value > min)) {
      return 0;
    }
    int b = (int) (Math.log(value / min) / logStep);
    return Math.min(b, bins - 1);
  }
}
