package io.perpetua.market;

import io.perpetua.core.Timeframe;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Builds coarser time bars from finer ones where that is exact: {@code 4h} and {@code 1d} bars from
 * {@code 1h} bars (or from any stored timeframe that divides the target). Buckets are aligned to
 * UTC (the epoch): a {@code 4h} bar opens at 00:00, 04:00, ... UTC, a {@code 1d} bar at midnight
 * UTC.
 *
 * <p>Only <b>complete</b> buckets become bars: every source bar of the bucket must be present (a
 * {@code 1d} bar needs all 24 hourly bars). A bucket with a missing source bar — a gap in the data,
 * the day an instrument lists or delists, a window edge that cuts the bucket — is dropped, so the
 * resampled series has a gap there, exactly as if the venue had published no bar; it is never built
 * from part of its data. A bar is open = first open, high = max, low = min, close = last close,
 * volumes summed. Stateless.
 */
public final class BarResampler {
  private BarResampler() {}

  /** Whether {@code target} bars can be built exactly from {@code source} bars. */
  public static boolean exact(Timeframe source, Timeframe target) {
    return target.millis() > source.millis()
        && target.millis() % source.millis() == 0
        && Timeframe.D1.millis() % target.millis() == 0;
  }

  /**
   * The stored timeframe to read for {@code target}: {@code target} itself when stored, else the
   * coarsest stored timeframe it can be resampled from exactly; empty when neither exists.
   */
  public static Optional<Timeframe> sourceFor(Timeframe target, Collection<Timeframe> stored) {
    if (stored.contains(target)) {
      return Optional.of(target);
    }
    Timeframe best = null;
    for (Timeframe s : stored) {
      if (exact(s, target) && (best == null || s.millis() > best.millis())) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every timeframe that can be served from {@code stored}: stored or exactly resampled. */
  public static Set<Timeframe> servable(Collection<Timeframe> stored) {
    Set<Timeframe> out = EnumSet.noneOf(Timeframe.class);
    for (Timeframe t : Timeframe.values()) {
      if (sourceFor(t, stored).isPresent()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The source timeframe for {@code target}, or an {@link IllegalArgumentException} that says what
   * can be served instead, e.g. {@code no 1m bars: the catalog holds 1h; servable timeframes: 1h,
   * 4h, 1d (4h, 1d resampled from 1h)}.
   */
  public static Timeframe requireSource(Timeframe target, Collection<Timeframe> stored) {
    return sourceFor(target, stored)
        .orElseThrow(() -> new IllegalArgumentException(unavailable(target, stored)));
  }

  private static String unavailable(Timeframe target, Collection<Timeframe> stored) {
    if (stored.isEmpty()) {
      return "no " + target.code() + " bars: the catalog holds no bars";
    }
    StringJoiner held = new StringJoiner(", ");
    StringJoiner servable = new StringJoiner(", ");
    StringJoiner resampled = new StringJoiner(", ");
    for (Timeframe t : Timeframe.values()) {
      if (stored.contains(t)) {
        held.add(t.code());
      }
    }
    for (Timeframe t : servable(stored)) {
      servable.add(t.code());
      if (!stored.contains(t)) {
        resampled.add(t.code() + " from " + sourceFor(t, stored).orElseThrow().code());
      }
    }
    return "no "
        + target.code()
        + " bars: the catalog holds "
        + held
        + "; servable timeframes: "
        + servable
        + (resampled.length() == 0 ? "" : " (resampled: " + resampled + ")");
  }

  /**
   * {@code series} aggregated to {@code target} buckets, complete buckets only (see the class
   * comment).
   *
   * @throws IllegalArgumentException unless {@link #exact exact}{@code (series.timeframe(),
   *     target)}
   */
  public static BarSeries resample(BarSeries series, Timeframe target) {
    Timeframe source = series.timeframe();
    if (!exact(source, target)) {
      throw new IllegalArgumentException(
          "cannot build " + target.code() + " bars exactly from " + source.code() + " bars");
    }
    long width = target.millis();
    long step = source.millis();
    int perBucket = (int) (width / step);
    BarSeries.Builder out =
        BarSeries.builder(series.instrument(), target, series.size() / perBucket + 1);
    int n = series.size();
    int i = 0;
    while (i < n) {
      long bucket = Math.floorDiv(series.openTimeMs(i), width) * width;
      int j = i;
      boolean complete = true;
      while (j < n && series.openTimeMs(j) < bucket + width) {
        complete &= series.openTimeMs(j) == bucket + (j - i) * step;
        j++;
      }
      if (complete && j - i == perBucket) {
        add(out, series, bucket, i, j);
      }
      i = j;
    }
    return out.build();
  }

  /** Appends the bar of source bars {@code [from, to)} opening at {@code openTimeMs}. */
  private static void add(BarSeries.Builder out, BarSeries s, long openTimeMs, int from, int to) {
    double high = s.high(from);
    double low = s.low(from);
    double volume = 0;
    double quote = 0;
    for (int k = from; k < to; k++) {
      high = Math.max(high, s.high(k));
      low = Math.min(low, s.low(k));
      volume += s.volume(k);
      quote += s.quoteVolume(k);
    }
    out.add(openTimeMs, s.open(from), high, low, s.close(to - 1), volume, quote);
  }
}
