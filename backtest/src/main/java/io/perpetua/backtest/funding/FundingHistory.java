package io.perpetua.backtest.funding;

import io.perpetua.core.time.Times;
import io.perpetua.market.FundingSeries;
import java.util.Arrays;
import java.util.Objects;

/**
 * One venue's settlement history of one underlying, with every rate normalised to an 8-hour rate.
 *
 * <p>The settlement interval is the median spacing of the series rounded to whole hours (dYdX: 1 h,
 * the others: 8 h); a rate per {@code h} hours is multiplied by {@code 8 / h}, so an hourly venue's
 * mean is comparable with the 8-hourly ones. Immutable.
 *
 * @param venue lower-case venue code
 * @param asset base asset, e.g. {@code BTC}
 * @param intervalHours settlement interval in hours
 * @param timesMs settlement times, epoch ms UTC, increasing
 * @param rates8h rates normalised to 8 hours (fractions)
 */
public record FundingHistory(
    String venue, String asset, int intervalHours, long[] timesMs, double[] rates8h) {
  /** Validates the arrays. */
  public FundingHistory {
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(asset, "asset");
    if (timesMs.length != rates8h.length) {
      throw new IllegalArgumentException("times and rates differ in length");
    }
    if (intervalHours < 1 || intervalHours > 24) {
      throw new IllegalArgumentException("intervalHours must be 1..24, was " + intervalHours);
    }
    timesMs = timesMs.clone();
    rates8h = rates8h.clone();
  }

  /** The history of {@code series}, its interval inferred and its rates normalised. */
  public static FundingHistory of(FundingSeries series) {
    long[] t = series.timesMs();
    double[] r = series.rates();
    int hours = intervalHours(t);
    double scale = 8.0 / hours;
    double[] n = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      n[i] = r[i] * scale;
    }
    return new FundingHistory(series.venue(), series.instrument().base(), hours, t, n);
  }

  /** The median spacing of {@code times} in whole hours (8 when fewer than two settlements). */
  static int intervalHours(long[] times) {
    if (times.length < 2) {
      return 8;
    }
    long[] d = new long[times.length - 1];
    for (int i = 1; i < times.length; i++) {
      d[i - 1] = times[i] - times[i - 1];
    }
    Arrays.sort(d);
    long median = d[d.length / 2];
    return (int) Math.max(1, Math.min(24, Math.round(median / (double) Times.HOUR_MS)));
  }

  /** The settlements in {@code [fromMs, toMs)}. */
  public FundingHistory between(long fromMs, long toMs) {
    int a = 0;
    while (a < timesMs.length && timesMs[a] < fromMs) {
      a++;
    }
    int b = a;
    while (b < timesMs.length && timesMs[b] < toMs) {
      b++;
    }
    return new FundingHistory(
        venue,
        asset,
        intervalHours,
        Arrays.copyOfRange(timesMs, a, b),
        Arrays.copyOfRange(rates8h, a, b));
  }

  /** The number of settlements. */
  public int size() {
    return timesMs.length;
  }

  @Override
  public long[] timesMs() {
    return timesMs.clone();
  }

  @Override
  public double[] rates8h() {
    return rates8h.clone();
  }

  /** Settlement time {@code i}. */
  public long timeMs(int i) {
    return timesMs[i];
  }

  /** Normalised rate {@code i}. */
  public double rate8h(int i) {
    return rates8h[i];
  }

  /** The weight of settlement {@code i} in 8-hour periods ({@code intervalHours / 8}). */
  public double periodWeight() {
    return intervalHours / 8.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FundingHistory h
        && venue.equals(h.venue)
        && asset.equals(h.asset)
        && intervalHours == h.intervalHours
        && Arrays.equals(timesMs, h.timesMs)
        && Arrays.equals(rates8h, h.rates8h);
  }

  @Override
  public int hashCode() {
    return Objects.hash(venue, asset, intervalHours, Arrays.hashCode(timesMs));
  }

  @Override
  public String toString() {
    return venue + " " + asset + " (" + size() + " settlements every " + intervalHours + " h)";
  }
}
