package io.perpetua.signals.pool;

import io.perpetua.signals.MarketView;
import java.util.Arrays;

/**
 * Selects pool members from a {@link MarketView}: instruments tradable now (a positive latest close
 * and some volume in the window) ranked by trailing USDT volume; the top {@code topK} are members.
 * The window is clipped to the visible history.
 *
 * <p>Holds the latest selection; not thread-safe (owned by the asset-pool service).
 */
public final class AssetPool {
  private final AssetPoolDefinition definition;
  private boolean[] members = new boolean[0];
  private double[] metric = new double[0];
  private int size;
  private long refreshedAtMs = Long.MIN_VALUE;

  /** A pool following {@code definition}. */
  public AssetPool(AssetPoolDefinition definition) {
    this.definition = definition;
  }

  /** True when the pool has never been refreshed or its refresh interval has elapsed. */
  public boolean isDue(long nowMs) {
    return refreshedAtMs == Long.MIN_VALUE
        || nowMs - refreshedAtMs >= definition.refreshHours() * 3_600_000L;
  }

  /** Recomputes the members from the view. */
  public void refresh(MarketView view) {
    int n = view.instrumentCount();
    if (members.length != n) {
      members = new boolean[n];
      metric = new double[n];
    }
    int window =
        (int) Math.min(view.history(), definition.lookbackDays() * 86_400_000L / view.barMillis());
    int minBars = (int) (definition.minHistoryDays() * 86_400_000L / view.barMillis());
    for (int i = 0; i < n; i++) {
      metric[i] = eligible(view, i, minBars) ? view.quoteVolumeSum(i, window) : Double.NaN;
    }
    double[] sorted = Arrays.stream(metric).filter(v -> v > 0).sorted().toArray();
    int k = Math.min(definition.topK(), sorted.length);
    double cutoff = k == 0 ? Double.POSITIVE_INFINITY : sorted[sorted.length - k];
    size = 0;
    for (int i = 0; i < n; i++) {
      members[i] = metric[i] >= cutoff && size < definition.topK();
      if (members[i]) {
        size++;
      }
    }
    refreshedAtMs = view.time();
  }

  private static boolean eligible(MarketView view, int i, int minBars) {
    if (!(view.close(i, 0) > 0)) {
      return false;
    }
    return minBars == 0 || (view.history() > minBars && view.close(i, minBars) > 0);
  }

  /** Membership flags by dense instrument index (owned by the pool; do not modify). */
  public boolean[] members() {
    return members;
  }

  /** The ranking metric by instrument (NaN when not eligible). */
  public double[] metric() {
    return metric;
  }

  /** Number of members. */
  public int size() {
    return size;
  }

  /** When the pool was last refreshed (kernel time), or {@code Long.MIN_VALUE}. */
  public long refreshedAtMs() {
    return refreshedAtMs;
  }

  /** The definition. */
  public AssetPoolDefinition definition() {
    return definition;
  }
}
