package io.perpetua.trading.kernel;

import io.perpetua.core.InstrumentId;
import java.util.Arrays;
import java.util.List;

/**
 * The bars the kernel steps through: instruments, bar open times and time-major close and
 * quote-volume columns ({@code value[t × n + i]}, NaN where absent). Arrays are shared, not copied.
 *
 * <p>A replay panel is complete from the start. A <b>growable</b> panel ({@link #growable}, live
 * mode) holds the history it was built with and room for more bars on the same time grid; {@link
 * #append} adds the next bar as it closes at the venue, and {@link #size()} counts the bars added
 * so far. One thread appends, the kernel thread reads: a bar's values are written before the size
 * that makes it visible (a volatile write), so a reader never sees a half-written bar.
 */
public final class MarketPanel {
  private final List<InstrumentId> instruments;
  private final long[] openTimes;
  private final long barMillis;
  private final double[] close;
  private final double[] quoteVolume;
  private volatile int size;

  /**
   * A complete panel.
   *
   * @param instruments instruments in dense-index order
   * @param openTimes bar open times, strictly increasing
   * @param barMillis bar interval
   * @param close closes
   * @param quoteVolume USDT volumes
   */
  public MarketPanel(
      List<InstrumentId> instruments,
      long[] openTimes,
      long barMillis,
      double[] close,
      double[] quoteVolume) {
    this(instruments, openTimes, barMillis, close, quoteVolume, openTimes.length);
  }

  private MarketPanel(
      List<InstrumentId> instruments,
      long[] openTimes,
      long barMillis,
      double[] close,
      double[] quoteVolume,
      int size) {
    this.instruments = List.copyOf(instruments);
    if (close.length != openTimes.length * this.instruments.size()
        || quoteVolume.length != close.length) {
      throw new IllegalArgumentException("panel arrays do not match times × instruments");
    }
    if (barMillis <= 0) {
      throw new IllegalArgumentException("bar interval must be positive");
    }
    this.openTimes = openTimes;
    this.barMillis = barMillis;
    this.close = close;
    this.quoteVolume = quoteVolume;
    this.size = size;
  }

  /**
   * A panel that starts with {@code history} and has room for {@code moreBars} further bars, whose
   * open times continue the grid: {@code last + k × barMillis}. The history must be on that grid
   * too (one bar per interval, NaN where a symbol has none).
   */
  public static MarketPanel growable(MarketPanel history, int moreBars) {
    if (moreBars < 1) {
      throw new IllegalArgumentException("moreBars must be at least 1");
    }
    int n = history.instruments.size();
    int had = history.size();
    if (had == 0) {
      throw new IllegalArgumentException("a growable panel needs at least one bar of history");
    }
    for (int t = 1; t < had; t++) {
      if (history.openTimes[t] - history.openTimes[t - 1] != history.barMillis) {
        throw new IllegalArgumentException(
            "history is not on the " + history.barMillis + " ms grid at bar " + t);
      }
    }
    int capacity = Math.addExact(had, moreBars);
    long[] times = Arrays.copyOf(history.openTimes, capacity);
    for (int t = had; t < capacity; t++) {
      times[t] = times[t - 1] + history.barMillis;
    }
    double[] c = Arrays.copyOf(history.close, capacity * n);
    double[] v = Arrays.copyOf(history.quoteVolume, capacity * n);
    Arrays.fill(c, had * n, c.length, Double.NaN);
    Arrays.fill(v, had * n, v.length, Double.NaN);
    return new MarketPanel(history.instruments, times, history.barMillis, c, v, had);
  }

  /**
   * Adds the next bar (growable panels): its open time must be the next on the grid, and the
   * columns hold one value per instrument (NaN where absent).
   *
   * @throws IllegalArgumentException for another open time or wrong column lengths
   * @throws IllegalStateException when the panel is full
   */
  public synchronized void append(long openTimeMs, double[] closes, double[] quoteVolumes) {
    int n = instruments.size();
    if (closes.length != n || quoteVolumes.length != n) {
      throw new IllegalArgumentException("one value per instrument expected (" + n + ")");
    }
    int t = size;
    if (t >= openTimes.length) {
      throw new IllegalStateException("panel full (" + openTimes.length + " bars)");
    }
    if (openTimes[t] != openTimeMs) {
      throw new IllegalArgumentException(
          "next bar opens at " + openTimes[t] + ", got " + openTimeMs);
    }
    System.arraycopy(closes, 0, close, t * n, n);
    System.arraycopy(quoteVolumes, 0, quoteVolume, t * n, n);
    size = t + 1; // publishes the bar
    notifyAll();
  }

  /**
   * Waits until the panel holds more than {@code bars} bars or {@code timeoutMs} has passed;
   * returns true when it does.
   */
  public synchronized boolean awaitMoreThan(int bars, long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + timeoutMs * 1_000_000L;
    while (size <= bars) {
      long left = (end - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** True when bars may still be appended. */
  public boolean growing() {
    return size < openTimes.length;
  }

  /** Instruments in dense-index order. */
  public List<InstrumentId> instruments() {
    return instruments;
  }

  /** Bar open times (for a growable panel: the whole grid, also beyond {@link #size()}). */
  public long[] openTimes() {
    return openTimes;
  }

  /** Bar interval. */
  public long barMillis() {
    return barMillis;
  }

  /** The close column (time-major). */
  public double[] close() {
    return close;
  }

  /** The USDT volume column (time-major). */
  public double[] quoteVolume() {
    return quoteVolume;
  }

  /** Number of bars available. */
  public int size() {
    return size;
  }

  /** Bars the panel can hold. */
  public int capacity() {
    return openTimes.length;
  }

  /** Close time of bar {@code t}. */
  public long closeTime(int t) {
    return openTimes[t] + barMillis;
  }

  /** The close of instrument {@code i} at bar {@code t}. */
  public double close(int t, int i) {
    return close[t * instruments.size() + i];
  }
}
