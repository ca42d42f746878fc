package io.perpetua.signals.feature.flow;

import io.perpetua.signals.MarketView;
import io.perpetua.signals.feature.CrossSection;
import io.perpetua.signals.feature.CrossSectionalFeature;
import java.util.Arrays;

/**
 * Order-flow features over a trailing window of bars, from the taker-side split of {@link
 * TakerFlow}:
 *
 * <ul>
 *   <li>{@code ofi_<N>d|h}: order-flow imbalance {@code Σ(buy − sell) / Σ volume} in {@code [−1,
 *       1]} (positive: aggressive buying);
 *   <li>{@code zscore_ofi_<N>d|h}: its cross-sectional z-score over the pool;
 *   <li>{@code tick_vpin_<N>h|d} (or {@code vpin_<N>h|d}): volume-synchronised probability of
 *       informed trading, {@code Σ|buy − sell| / Σ volume} in {@code [0, 1]}, each bar one volume
 *       bucket (Easley, López de Prado and O'Hara 2012 use equal-volume buckets; on time bars a bar
 *       is the bucket).
 * </ul>
 *
 * <p>Every value records its {@link TakerSource} ({@link #compute(MarketView, boolean[], double[],
 * double[], TakerSource[])}); a symbol without a usable source is NaN (missing). Immutable and
 * thread-safe.
 */
public final class FlowFeature implements CrossSectionalFeature {
  /** What the feature measures. */
  public enum Kind {
    /** Signed order-flow imbalance. */
    OFI,
    /** Unsigned imbalance (VPIN). */
    VPIN
  }

  private final String name;
  private final Kind kind;
  private final long windowMillis;
  private final boolean zscore;

  /** A feature {@code name} of {@code kind} over {@code windowMillis}, z-scored if asked. */
  public FlowFeature(String name, Kind kind, long windowMillis, boolean zscore) {
    if (windowMillis <= 0) {
      throw new IllegalArgumentException(name + ": window must be positive");
    }
    this.name = name;
    this.kind = kind;
    this.windowMillis = windowMillis;
    this.zscore = zscore;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int lookbackBars(long barMillis) {
    if (windowMillis % barMillis != 0) {
      throw new IllegalArgumentException(
          name
              + ": window of "
              + windowMillis
              + " ms is not a whole number of "
              + barMillis
              + " ms bars");
    }
    return (int) (windowMillis / barMillis);
  }

  @Override
  public void compute(MarketView view, boolean[] pool, double[] scratch, double[] out) {
    compute(view, pool, scratch, out, null);
  }

  /**
   * As {@link #compute(MarketView, boolean[], double[], double[])}, also writing each value's
   * source into {@code sources} (when not null; {@link TakerSource#NONE} where the value is NaN).
   */
  public void compute(
      MarketView view, boolean[] pool, double[] scratch, double[] out, TakerSource[] sources) {
    int n = view.instrumentCount();
    int bars = lookbackBars(view.barMillis());
    double[] raw = zscore ? scratch : out;
    for (int i = 0; i < n; i++) {
      double v = Double.NaN;
      TakerSource s = TakerSource.NONE;
      if (pool[i]) {
        TakerFlow.Window w = TakerFlow.window(view, i, bars);
        if (w.source() != TakerSource.NONE && w.volume() > 0) {
          v = kind == Kind.OFI ? w.imbalance() / w.volume() : w.absImbalance() / w.volume();
          s = w.source();
        }
      }
      raw[i] = v;
      if (sources != null) {
        sources[i] = s;
      }
    }
    if (zscore) {
      CrossSection.zscore(scratch, pool, n, out);
    } else {
      for (int i = 0; i < n; i++) {
        if (!pool[i]) {
          out[i] = Double.NaN;
        }
      }
    }
    if (sources != null && sources.length > n) {
      Arrays.fill(sources, n, sources.length, TakerSource.NONE);
    }
  }
}
