package io.perpetua.signals.pool;

import io.perpetua.signals.MarketView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Selects pool members from a {@link MarketView}: instruments <b>tradable now</b> with enough
 * history, ranked by the definition's volume metric; the top {@code topK} are members.
 *
 * <p>Tradable now means a latest close, and not frozen: an instrument whose bars over the last day
 * (at least one bar) all have no volume and an unchanged close is halted or delisted (WAVES from
 * 2024-06-11 in the shared data) and leaves the pool, even while its trailing volume still counts
 * the weeks before. History is counted from an instrument's first close in the view.
 *
 * <p>Holds the latest selection; not thread-safe (owned by the asset-pool service).
 */
public final class AssetPool {
  private static final long DAY_MS = 86_400_000L;

  private final AssetPoolDefinition definition;
  private boolean[] members = new boolean[0];
  private double[] metric = new double[0];
  private int[] firstSeen = new int[0]; // absolute bar index of the first close, -1: none yet
  private int scanned; // bars of the view scanned for first closes
  private int history;
  private long barMillis = 1;
  private int size;
  private long refreshedAtMs = Long.MIN_VALUE;
  private String referenceMonth;

  /** A pool following {@code definition}. */
  public AssetPool(AssetPoolDefinition definition) {
    this.definition = definition;
  }

  /**
   * True when the pool has never been refreshed, or its refresh interval has elapsed (a monthly
   * pool: a new UTC month has started).
   */
  public boolean isDue(long nowMs) {
    if (refreshedAtMs == Long.MIN_VALUE) {
      return true;
    }
    if (definition.monthly()) {
      return !YearMonth.from(date(nowMs)).equals(YearMonth.from(date(refreshedAtMs)));
    }
    return nowMs - refreshedAtMs >= definition.refreshHours() * 3_600_000L;
  }

  /** Recomputes the members from the view. */
  public void refresh(MarketView view) {
    int n = view.instrumentCount();
    if (members.length != n || view.history() < scanned) {
      members = new boolean[n];
      metric = new double[n];
      firstSeen = new int[n];
      Arrays.fill(firstSeen, -1);
      scanned = 0;
    }
    scanFirstCloses(view);
    history = view.history();
    barMillis = view.barMillis();
    int minBars = (int) (definition.minHistoryDays() * DAY_MS / barMillis);
    int window = (int) Math.min(history, definition.lookbackDays() * DAY_MS / barMillis);
    long from = 0;
    long to = 0;
    if (definition.monthly()) {
      YearMonth month = YearMonth.from(date(view.time())).minusMonths(definition.lagMonths());
      from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      referenceMonth = month.toString();
    }
    for (int i = 0; i < n; i++) {
      boolean ok = tradableNow(view, i) && historyBars(i) >= Math.max(minBars, 1);
      if (!ok) {
        metric[i] = Double.NaN;
      } else {
        metric[i] =
            definition.monthly() ? monthVolume(view, i, from, to) : view.quoteVolumeSum(i, window);
      }
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

  private void scanFirstCloses(MarketView view) {
    int h = view.history();
    for (int t = scanned; t < h; t++) {
      int barsAgo = h - 1 - t;
      for (int i = 0; i < firstSeen.length; i++) {
        if (firstSeen[i] < 0 && view.close(i, barsAgo) > 0) {
          firstSeen[i] = t;
        }
      }
    }
    scanned = h;
  }

  private int historyBars(int i) {
    return firstSeen[i] < 0 ? 0 : history - firstSeen[i];
  }

  /**
   * A latest close, and not frozen: over the last day's bars (at least one) some volume or some
   * change of the close.
   */
  static boolean tradableNow(MarketView view, int i) {
    double last = view.close(i, 0);
    if (!(last > 0)) {
      return false;
    }
    int bars = (int) Math.min(view.history(), Math.max(1, DAY_MS / view.barMillis()));
    for (int b = 0; b < bars; b++) {
      double c = view.close(i, b);
      if (view.quoteVolume(i, b) > 0 || (c > 0 && c != last)) {
        return true;
      }
    }
    return false;
  }

  private static double monthVolume(MarketView view, int i, long from, long to) {
    double sum = 0;
    for (int b = 0; b < view.history(); b++) {
      long open = view.openTime(b);
      if (open < from) {
        break;
      }
      double v = view.quoteVolume(i, b);
      if (open < to && v > 0) {
        sum += v;
      }
    }
    return sum;
  }

  private static LocalDate date(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }

  /** Membership flags by dense instrument index (owned by the pool; do not modify). */
  public boolean[] members() {
    return members;
  }

  /** The ranking metric by instrument (NaN when not eligible). */
  public double[] metric() {
    return metric;
  }

  /** The members' dense indices, highest metric first (ties: lower index first). */
  public List<Integer> ranked() {
    List<Integer> out = new ArrayList<>(size);
    for (int i = 0; i < members.length; i++) {
      if (members[i]) {
        out.add(i);
      }
    }
    out.sort(
        (a, b) -> {
          int c = Double.compare(metric[b], metric[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    return out;
  }

  /** Whole days of bars instrument {@code i} had at the last refresh (0 when none). */
  public int historyDays(int i) {
    return (int) (historyBars(i) * barMillis / DAY_MS);
  }

  /** The reference month of a monthly pool ({@code 2026-02}), or null. */
  public String referenceMonth() {
    return referenceMonth;
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
