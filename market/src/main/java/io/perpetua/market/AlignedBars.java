package io.perpetua.market;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cross-sectional panel the trading kernel iterates: the bars of a fixed, sorted set of
 * instruments on a common time axis. {@link #times()} is the sorted union of the instruments' open
 * times in {@code [fromMs, toMs)}; values are stored time-major in flat {@code double} arrays of
 * length {@code size() × instrumentCount()} (row {@code t} holds all instruments at {@code
 * time(t)}), {@code NaN} where an instrument has no bar at that time (not listed yet, delisted, or
 * a gap).
 *
 * <p>Instruments are ordered by API symbol, so dense indices are deterministic. Immutable and
 * thread-safe; accessors do not allocate. Where an instrument has a bar, all six values are set.
 */
public final class AlignedBars {
  private final Timeframe timeframe;
  private final List<InstrumentId> instruments;
  private final Map<InstrumentId, Integer> indices;
  private final long[] times;
  private final int width;
  private final double[][] values; // indexed by BarField ordinal

  private AlignedBars(
      Timeframe timeframe, List<InstrumentId> instruments, long[] times, double[][] values) {
    this.timeframe = timeframe;
    this.instruments = List.copyOf(instruments);
    this.indices = new HashMap<>();
    for (int i = 0; i < instruments.size(); i++) {
      indices.put(instruments.get(i), i);
    }
    this.times = times;
    this.width = instruments.size();
    this.values = values;
  }

  /**
   * Aligns {@code series} (all of one timeframe, at least one) on the union of their open times in
   * {@code [fromMs, toMs)}.
   */
  public static AlignedBars of(Map<InstrumentId, BarSeries> series, long fromMs, long toMs) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("no series to align: use of(timeframe, series, from, to)");
    }
    return of(series.values().iterator().next().timeframe(), series, fromMs, toMs);
  }

  /** Aligns {@code series}, which must all be of {@code timeframe} (the map may be empty). */
  public static AlignedBars of(
      Timeframe timeframe, Map<InstrumentId, BarSeries> series, long fromMs, long toMs) {
    Objects.requireNonNull(timeframe, "timeframe");
    List<InstrumentId> ids = new ArrayList<>(series.keySet());
    ids.sort(null);
    BarSeries[] ordered = new BarSeries[ids.size()];
    int[] lo = new int[ids.size()];
    int[] hi = new int[ids.size()];
    long[] axis = new long[0];
    for (int i = 0; i < ordered.length; i++) {
      BarSeries s = series.get(ids.get(i));
      if (!s.instrument().equals(ids.get(i)) || s.timeframe() != timeframe) {
        throw new IllegalArgumentException(
            "series " + s + " does not match key " + ids.get(i) + " " + timeframe.code());
      }
      ordered[i] = s;
      lo[i] = s.lowerBound(fromMs);
      hi[i] = Math.max(lo[i], s.lowerBound(toMs));
      axis = union(axis, s.times, lo[i], hi[i]);
    }
    return new AlignedBars(timeframe, ids, axis, fill(ordered, lo, hi, axis));
  }

  /**
   * The time-major value arrays, written in one sequential pass (row by row, instrument by
   * instrument) with a cursor into each series: cache-friendly, and no separate NaN fill.
   */
  private static double[][] fill(BarSeries[] series, int[] lo, int[] hi, long[] axis) {
    int width = series.length;
    int cells = Math.multiplyExact(axis.length, width);
    double[][] out = new double[BarField.values().length][cells];
    double[][][] src = new double[width][][];
    long[][] times = new long[width][];
    for (int i = 0; i < width; i++) {
      src[i] = series[i].columns();
      times[i] = series[i].times;
    }
    int[] cursor = lo.clone();
    double[] o = out[0];
    double[] h = out[1];
    double[] l = out[2];
    double[] c = out[3];
    double[] v = out[4];
    double[] q = out[5];
    int cell = 0;
    for (long time : axis) {
      for (int i = 0; i < width; i++, cell++) {
        int k = cursor[i];
        if (k < hi[i] && times[i][k] == time) {
          double[][] s = src[i];
          o[cell] = s[0][k];
          h[cell] = s[1][k];
          l[cell] = s[2][k];
          c[cell] = s[3][k];
          v[cell] = s[4][k];
          q[cell] = s[5][k];
          cursor[i] = k + 1;
        } else {
          o[cell] = Double.NaN;
          h[cell] = Double.NaN;
          l[cell] = Double.NaN;
          c[cell] = Double.NaN;
          v[cell] = Double.NaN;
          q[cell] = Double.NaN;
        }
      }
    }
    return out;
  }

  /** Aligns every instrument the catalog holds at {@code timeframe}, bars in {@code [from, to)}. */
  public static AlignedBars fromCatalog(
      BarCatalog catalog, Timeframe timeframe, long fromMs, long toMs) throws IOException {
    Map<InstrumentId, BarSeries> series = new LinkedHashMap<>();
    for (InstrumentId id : catalog.instruments(timeframe)) {
      catalog.read(id, timeframe, fromMs, toMs).ifPresent(s -> series.put(id, s));
    }
    return of(timeframe, series, fromMs, toMs);
  }

  /** The sorted union of strictly increasing {@code a} and {@code b[from, to)}. */
  private static long[] union(long[] a, long[] b, int from, int to) {
    long[] out = new long[a.length + (to - from)];
    int i = 0;
    int j = from;
    int k = 0;
    while (i < a.length && j < to) {
      long x = a[i];
      long y = b[j];
      if (x < y) {
        out[k++] = x;
        i++;
      } else {
        out[k++] = y;
        j++;
        if (x == y) {
          i++;
        }
      }
    }
    while (i < a.length) {
      out[k++] = a[i++];
    }
    while (j < to) {
      out[k++] = b[j++];
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  /** The bar interval. */
  public Timeframe timeframe() {
    return timeframe;
  }

  /** The instruments, sorted by API symbol; position = dense index. Unmodifiable. */
  public List<InstrumentId> instruments() {
    return instruments;
  }

  /** The instrument at dense index {@code i}. */
  public InstrumentId instrument(int i) {
    return instruments.get(i);
  }

  /** Dense index of {@code instrument}, or −1 when it is not in the panel. */
  public int index(InstrumentId instrument) {
    Integer i = indices.get(instrument);
    return i == null ? -1 : i;
  }

  /** Number of time steps. */
  public int size() {
    return times.length;
  }

  /** Number of instruments. */
  public int instrumentCount() {
    return width;
  }

  /** Open time of step {@code t}, epoch ms. */
  public long time(int t) {
    return times[t];
  }

  /** A copy of the open times of all steps. */
  public long[] times() {
    return times.clone();
  }

  /** Step whose open time is exactly {@code timeMs}, or −1. */
  public int indexOfTime(long timeMs) {
    int t = Arrays.binarySearch(times, timeMs);
    return t >= 0 ? t : -1;
  }

  /** First step opening at or after {@code timeMs} ({@link #size()} if none). */
  public int lowerBound(long timeMs) {
    return BarSeries.lowerBound(times, 0, times.length, timeMs);
  }

  /** Opening price of instrument {@code i} at step {@code t}, NaN without a bar. */
  public double open(int t, int i) {
    return values[0][t * width + i];
  }

  /** Highest price, NaN without a bar. */
  public double high(int t, int i) {
    return values[1][t * width + i];
  }

  /** Lowest price, NaN without a bar. */
  public double low(int t, int i) {
    return values[2][t * width + i];
  }

  /** Closing price, NaN without a bar. */
  public double close(int t, int i) {
    return values[3][t * width + i];
  }

  /** Base-asset volume, NaN without a bar. */
  public double volume(int t, int i) {
    return values[4][t * width + i];
  }

  /** Quote-asset volume, NaN without a bar. */
  public double quoteVolume(int t, int i) {
    return values[5][t * width + i];
  }

  /** Whether instrument {@code i} has a bar at step {@code t}. */
  public boolean hasBar(int t, int i) {
    return !Double.isNaN(values[3][t * width + i]);
  }

  /** The value of {@code field}, NaN without a bar. */
  public double get(BarField field, int t, int i) {
    return values[field.ordinal()][t * width + i];
  }

  /** Copies row {@code t} of {@code field} (all instruments) into {@code dst[0 .. count)}. */
  public void copyRow(BarField field, int t, double[] dst) {
    System.arraycopy(values[field.ordinal()], t * width, dst, 0, width);
  }

  /** A copy of the whole time-major array of {@code field}. */
  public double[] column(BarField field) {
    return values[field.ordinal()].clone();
  }

  /** First step at which instrument {@code i} has a bar, or −1 if it never has one. */
  public int firstStep(int i) {
    for (int t = 0; t < times.length; t++) {
      if (hasBar(t, i)) {
        return t;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "AlignedBars["
        + timeframe.code()
        + ", "
        + width
        + " instruments × "
        + times.length
        + " steps]";
  }
}
