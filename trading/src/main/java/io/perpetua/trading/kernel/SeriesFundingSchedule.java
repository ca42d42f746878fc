package io.perpetua.trading.kernel;

import io.perpetua.market.FundingSeries;
import java.util.List;

/**
 * Funding from recorded settlement history per instrument, with a fallback for instruments that
 * have none: {@code fallbackRate} settled every {@code fallbackIntervalMs} on the UTC grid
 * (Binance: 00:00, 08:00, 16:00). A fallback rate of 0 means no funding where no history exists.
 * Recorded history is used only inside its own time span; outside it the fallback applies too.
 *
 * <p>Immutable and thread-safe.
 */
public final class SeriesFundingSchedule implements FundingSchedule {
  /** Binance's settlement interval: 8 hours. */
  public static final long EIGHT_HOURS_MS = 8 * 3_600_000L;

  private final FundingSeries[] byIndex;
  private final double fallbackRate;
  private final long fallbackIntervalMs;

  /**
   * A schedule for the panel's instruments in order; {@code series.get(i)} may be null.
   *
   * @param series recorded funding per instrument index, or null entries
   * @param fallbackRate rate per interval where there is no history
   * @param fallbackIntervalMs interval of the fallback settlements
   */
  public SeriesFundingSchedule(
      List<FundingSeries> series, double fallbackRate, long fallbackIntervalMs) {
    if (!Double.isFinite(fallbackRate) || Math.abs(fallbackRate) > 0.01) {
      throw new IllegalArgumentException(
          "funding fallback rate must be within ±0.01, was " + fallbackRate);
    }
    if (fallbackIntervalMs <= 0) {
      throw new IllegalArgumentException("funding interval must be positive");
    }
    this.byIndex = series.toArray(new FundingSeries[0]);
    this.fallbackRate = fallbackRate;
    this.fallbackIntervalMs = fallbackIntervalMs;
  }

  @Override
  public void forEach(long fromExclusive, long toInclusive, Sink sink) {
    for (int i = 0; i < byIndex.length; i++) {
      FundingSeries s = byIndex[i];
      boolean covered = s != null && !s.isEmpty();
      long first = covered ? s.timeMs(0) : Long.MAX_VALUE;
      long last = covered ? s.timeMs(s.size() - 1) : Long.MIN_VALUE;
      fallback(i, fromExclusive, Math.min(toInclusive, first - 1), sink);
      if (covered && toInclusive >= first && fromExclusive < last) {
        for (int k = s.lowerBound(fromExclusive + 1);
            k < s.size() && s.timeMs(k) <= toInclusive;
            k++) {
          sink.settle(i, s.timeMs(k), s.rate(k));
        }
      }
      if (covered) {
        fallback(i, Math.max(fromExclusive, last), toInclusive, sink);
      }
    }
  }

  /** Fallback settlements of instrument {@code i} in {@code (from, to]}, in time order. */
  private void fallback(int i, long fromExclusive, long toInclusive, Sink sink) {
    if (fallbackRate == 0 || toInclusive <= fromExclusive) {
      return;
    }
    long t = (Math.floorDiv(fromExclusive, fallbackIntervalMs) + 1) * fallbackIntervalMs;
    for (; t <= toInclusive; t += fallbackIntervalMs) {
      sink.settle(i, t, fallbackRate);
    }
  }
}
