package io.perpetua.market;

import io.perpetua.core.Bar;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bars of one instrument at one timeframe, stored column by column: {@code long[]} open times
 * (epoch ms, UTC) and {@code double[]} open, high, low, close, volume and quote volume.
 *
 * <p>Invariants: open times strictly increase; every bar satisfies the {@link Bar} rules (checked
 * by {@link BarChecks}). Immutable and therefore thread-safe: the arrays are owned by the series
 * and never exposed (the array accessors return copies). Build one with {@link #builder}.
 */
public final class BarSeries {
  private final InstrumentId instrument;
  private final Timeframe timeframe;
  final long[] times;
  final double[] open;
  final double[] high;
  final double[] low;
  final double[] close;
  final double[] volume;
  final double[] quoteVolume;

  /** Takes ownership of already validated arrays of equal length. */
  BarSeries(InstrumentId instrument, Timeframe timeframe, long[] times, double[][] columns) {
    this.instrument = Objects.requireNonNull(instrument, "instrument");
    this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
    this.times = times;
    this.open = columns[0];
    this.high = columns[1];
    this.low = columns[2];
    this.close = columns[3];
    this.volume = columns[4];
    this.quoteVolume = columns[5];
  }

  /** A builder with a small initial capacity. */
  public static Builder builder(InstrumentId instrument, Timeframe timeframe) {
    return new Builder(instrument, timeframe, 256);
  }

  /** A builder sized for about {@code expectedBars} bars (it grows beyond that). */
  public static Builder builder(InstrumentId instrument, Timeframe timeframe, int expectedBars) {
    return new Builder(instrument, timeframe, expectedBars);
  }

  /** A series without bars. */
  public static BarSeries empty(InstrumentId instrument, Timeframe timeframe) {
    return builder(instrument, timeframe, 0).build();
  }

  /** The instrument. */
  public InstrumentId instrument() {
    return instrument;
  }

  /** The bar interval. */
  public Timeframe timeframe() {
    return timeframe;
  }

  /** Number of bars. */
  public int size() {
    return times.length;
  }

  /** Whether there are no bars. */
  public boolean isEmpty() {
    return times.length == 0;
  }

  /** Open time of bar {@code i}, epoch ms. */
  public long openTimeMs(int i) {
    return times[i];
  }

  /** Opening price of bar {@code i}. */
  public double open(int i) {
    return open[i];
  }

  /** Highest price of bar {@code i}. */
  public double high(int i) {
    return high[i];
  }

  /** Lowest price of bar {@code i}. */
  public double low(int i) {
    return low[i];
  }

  /** Closing price of bar {@code i}. */
  public double close(int i) {
    return close[i];
  }

  /** Base-asset volume of bar {@code i}. */
  public double volume(int i) {
    return volume[i];
  }

  /** Quote-asset volume of bar {@code i}. */
  public double quoteVolume(int i) {
    return quoteVolume[i];
  }

  /** Bar {@code i} as a core {@link Bar} (allocates; for edges, not hot loops). */
  public Bar bar(int i) {
    return new Bar(times[i], open[i], high[i], low[i], close[i], volume[i], quoteVolume[i]);
  }

  /** Open time of the first bar; the series must not be empty. */
  public long firstOpenTimeMs() {
    requireNonEmpty();
    return times[0];
  }

  /** Open time of the last bar; the series must not be empty. */
  public long lastOpenTimeMs() {
    requireNonEmpty();
    return times[times.length - 1];
  }

  /** Index of the bar opening exactly at {@code openTimeMs}, or −1 (binary search). */
  public int indexOf(long openTimeMs) {
    int i = Arrays.binarySearch(times, openTimeMs);
    return i >= 0 ? i : -1;
  }

  /** Index of the first bar opening at or after {@code timeMs} ({@link #size()} if none). */
  public int lowerBound(long timeMs) {
    return lowerBound(times, 0, times.length, timeMs);
  }

  /** The bars opening in {@code [fromMs, toMs)}; this series itself when that is all of it. */
  public BarSeries slice(long fromMs, long toMs) {
    int from = lowerBound(fromMs);
    int to = Math.max(from, lowerBound(toMs));
    if (from == 0 && to == times.length) {
      return this;
    }
    return new BarSeries(
        instrument,
        timeframe,
        Arrays.copyOfRange(times, from, to),
        new double[][] {
          Arrays.copyOfRange(open, from, to),
          Arrays.copyOfRange(high, from, to),
          Arrays.copyOfRange(low, from, to),
          Arrays.copyOfRange(close, from, to),
          Arrays.copyOfRange(volume, from, to),
          Arrays.copyOfRange(quoteVolume, from, to)
        });
  }

  /**
   * The union of this series and {@code newer} by open time; where both have a bar at the same
   * time, the bar of {@code newer} wins. Instruments and timeframes must match.
   */
  public BarSeries merge(BarSeries newer) {
    if (!instrument.equals(newer.instrument) || timeframe != newer.timeframe) {
      throw new IllegalArgumentException(
          "cannot merge "
              + newer.instrument
              + " "
              + newer.timeframe.code()
              + " into "
              + instrument
              + " "
              + timeframe.code());
    }
    if (newer.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return newer;
    }
    return SeriesMerge.merge(this, newer);
  }

  /** A copy of the open times. */
  public long[] openTimes() {
    return times.clone();
  }

  /** A copy of the opening prices. */
  public double[] opens() {
    return open.clone();
  }

  /** A copy of the highest prices. */
  public double[] highs() {
    return high.clone();
  }

  /** A copy of the lowest prices. */
  public double[] lows() {
    return low.clone();
  }

  /** A copy of the closing prices. */
  public double[] closes() {
    return close.clone();
  }

  /** A copy of the base-asset volumes. */
  public double[] volumes() {
    return volume.clone();
  }

  /** A copy of the quote-asset volumes. */
  public double[] quoteVolumes() {
    return quoteVolume.clone();
  }

  double[][] columns() {
    return new double[][] {open, high, low, close, volume, quoteVolume};
  }

  private void requireNonEmpty() {
    if (times.length == 0) {
      throw new IllegalStateException(instrument + " " + timeframe.code() + ": no bars");
    }
  }

  static int lowerBound(long[] a, int from, int to, long key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Equal when instrument, timeframe and every value (bit for bit) are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BarSeries s
        && instrument.equals(s.instrument)
        && timeframe == s.timeframe
        && Arrays.equals(times, s.times)
        && Arrays.equals(open, s.open)
        && Arrays.equals(high, s.high)
        && Arrays.equals(low, s.low)
        && Arrays.equals(close, s.close)
        && Arrays.equals(volume, s.volume)
        && Arrays.equals(quoteVolume, s.quoteVolume);
  }

  @Override
  public int hashCode() {
    return Objects.hash(instrument, timeframe, Arrays.hashCode(times), Arrays.hashCode(close));
  }

  @Override
  public String toString() {
    return "BarSeries["
        + instrument
        + " "
        + timeframe.code()
        + ", "
        + size()
        + " bars"
        + (isEmpty() ? "" : ", " + times[0] + ".." + times[times.length - 1])
        + "]";
  }

  /**
   * Accumulates bars in increasing open-time order into growable primitive arrays. {@link #build()}
   * copies, so a builder may keep growing afterwards. Not thread-safe.
   */
  public static final class Builder {
    private final InstrumentId instrument;
    private final Timeframe timeframe;
    private long[] times;
    private final double[][] columns;
    private int size;

    Builder(InstrumentId instrument, Timeframe timeframe, int capacity) {
      this.instrument = Objects.requireNonNull(instrument, "instrument");
      this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
      int c = Math.max(capacity, 0);
      this.times = new long[c];
      this.columns = new double[6][c];
    }

    /**
     * Appends a bar.
     *
     * @throws IllegalArgumentException when the bar breaks the {@link Bar} rules or does not open
     *     after the previous bar
     */
    public Builder add(
        long openTimeMs,
        double open,
        double high,
        double low,
        double close,
        double volume,
        double quoteVolume) {
      String violation = BarChecks.violation(open, high, low, close, volume, quoteVolume);
      if (violation != null) {
        throw new IllegalArgumentException(instrument + " at " + openTimeMs + ": " + violation);
      }
      if (size > 0 && openTimeMs <= times[size - 1]) {
        throw new IllegalArgumentException(
            instrument
                + ": open time "
                + openTimeMs
                + " does not follow the previous bar at "
                + times[size - 1]);
      }
      if (size == times.length) {
        grow();
      }
      times[size] = openTimeMs;
      columns[0][size] = open;
      columns[1][size] = high;
      columns[2][size] = low;
      columns[3][size] = close;
      columns[4][size] = volume;
      columns[5][size] = quoteVolume;
      size++;
      return this;
    }

    /** Appends a core bar. */
    public Builder add(Bar bar) {
      return add(
          bar.openTimeMs(),
          bar.open(),
          bar.high(),
          bar.low(),
          bar.close(),
          bar.volume(),
          bar.quoteVolume());
    }

    /** Bars added so far. */
    public int size() {
      return size;
    }

    /** Open time of the last bar added; there must be one. */
    public long lastOpenTimeMs() {
      if (size == 0) {
        throw new IllegalStateException("no bars added");
      }
      return times[size - 1];
    }

    /** The series of the bars added so far. */
    public BarSeries build() {
      double[][] cols = new double[6][];
      for (int c = 0; c < 6; c++) {
        cols[c] = Arrays.copyOf(columns[c], size);
      }
      return new BarSeries(instrument, timeframe, Arrays.copyOf(times, size), cols);
    }

    private void grow() {
      int capacity = Math.max(16, times.length + (times.length >> 1));
      times = Arrays.copyOf(times, capacity);
      for (int c = 0; c < 6; c++) {
        columns[c] = Arrays.copyOf(columns[c], capacity);
      }
    }
  }
}
