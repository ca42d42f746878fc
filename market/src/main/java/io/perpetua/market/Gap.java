package io.perpetua.market;

/**
 * A hole in a bar series: consecutive bars open at {@code fromMs} and {@code toMs}, more than one
 * interval apart, so {@code missingBars} bars are missing between them. For example the Binance
 * spot halt of 2023-03-24 appears in hourly data as {@code 12:00 → 14:00}, one missing bar (13:00).
 *
 * <p>Immutable.
 *
 * @param fromMs open time of the last bar before the gap, epoch ms
 * @param toMs open time of the first bar after the gap, epoch ms
 * @param missingBars how many whole intervals are missing (at least 1)
 */
public record Gap(long fromMs, long toMs, long missingBars) {
  /** Validates the bounds. */
  public Gap {
    if (toMs <= fromMs || missingBars < 1) {
      throw new IllegalArgumentException(
          "invalid gap " + fromMs + ".." + toMs + " missing " + missingBars);
    }
  }

  /** Length of the hole, from the end of the bar before to the start of the bar after, in ms. */
  public long durationMs(long intervalMs) {
    return toMs - fromMs - intervalMs;
  }
}
