package io.perpetua.market;

import io.perpetua.core.FundingRate;
import io.perpetua.core.InstrumentId;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The funding settlements of one perpetual on one venue, column by column: {@code long[]}
 * settlement times (epoch ms, UTC) and {@code double[]} rates (fraction per funding period, 0.0001
 * = 0.01 %; positive means longs pay shorts).
 *
 * <p>Invariants: times strictly increase; rates are finite with {@code |rate| <= 0.1} (the core
 * {@link FundingRate} rule); the venue is a lower-case code such as {@code binance}. Immutable and
 * thread-safe; array accessors return copies. Settlements in a time range are found by binary
 * search ({@link #lowerBound(long)}).
 */
public final class FundingSeries {
  private static final Pattern VENUE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private final String venue;
  private final InstrumentId instrument;
  final long[] times;
  final double[] rates;

  FundingSeries(String venue, InstrumentId instrument, long[] times, double[] rates) {
    this.venue = requireVenue(venue);
    this.instrument = Objects.requireNonNull(instrument, "instrument");
    this.times = times;
    this.rates = rates;
  }

  /** Checks a venue code: lower-case letters, digits, {@code _} and {@code -}, at most 32. */
  public static String requireVenue(String venue) {
    if (venue == null || !VENUE.matcher(venue).matches()) {
      throw new IllegalArgumentException(
          "invalid venue '" + venue + "': expected a lower-case code such as binance");
    }
    return venue;
  }

  static boolean isVenue(String venue) {
    return venue != null && VENUE.matcher(venue).matches();
  }

  /** A builder. */
  public static Builder builder(String venue, InstrumentId instrument) {
    return new Builder(venue, instrument);
  }

  /** A series without settlements. */
  public static FundingSeries empty(String venue, InstrumentId instrument) {
    return new FundingSeries(venue, instrument, new long[0], new double[0]);
  }

  /** The venue code, e.g. {@code binance}. */
  public String venue() {
    return venue;
  }

  /** The perpetual. */
  public InstrumentId instrument() {
    return instrument;
  }

  /** Number of settlements. */
  public int size() {
    return times.length;
  }

  /** Whether there are no settlements. */
  public boolean isEmpty() {
    return times.length == 0;
  }

  /** Settlement time {@code i}, epoch ms. */
  public long timeMs(int i) {
    return times[i];
  }

  /** Rate of settlement {@code i}. */
  public double rate(int i) {
    return rates[i];
  }

  /** Settlement {@code i} as a core {@link FundingRate} (allocates). */
  public FundingRate settlement(int i) {
    return new FundingRate(instrument, times[i], rates[i]);
  }

  /**
   * Index of the first settlement at or after {@code timeMs} ({@link #size()} if none). The
   * settlements in {@code [from, to)} are the indices {@code lowerBound(from) .. lowerBound(to) -
   * 1}.
   */
  public int lowerBound(long timeMs) {
    return BarSeries.lowerBound(times, 0, times.length, timeMs);
  }

  /** Number of settlements in {@code [fromMs, toMs)}. */
  public int countBetween(long fromMs, long toMs) {
    return Math.max(0, lowerBound(toMs) - lowerBound(fromMs));
  }

  /** Index of the settlement exactly at {@code timeMs}, or −1. */
  public int indexOf(long timeMs) {
    int i = Arrays.binarySearch(times, timeMs);
    return i >= 0 ? i : -1;
  }

  /** The settlements in {@code [fromMs, toMs)}. */
  public FundingSeries slice(long fromMs, long toMs) {
    int from = lowerBound(fromMs);
    int to = Math.max(from, lowerBound(toMs));
    if (from == 0 && to == times.length) {
      return this;
    }
    return new FundingSeries(
        venue,
        instrument,
        Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(rates, from, to));
  }

  /** The union by time with {@code newer}, whose rate wins at equal times. */
  public FundingSeries merge(FundingSeries newer) {
    if (!venue.equals(newer.venue) || !instrument.equals(newer.instrument)) {
      throw new IllegalArgumentException(
          "cannot merge "
              + newer.venue
              + " "
              + newer.instrument
              + " into "
              + venue
              + " "
              + instrument);
    }
    double[][] out = new double[1][];
    long[] t =
        SeriesMerge.merge(
            times, new double[][] {rates}, newer.times, new double[][] {newer.rates}, out);
    return new FundingSeries(venue, instrument, t, out[0]);
  }

  /** A copy of the settlement times. */
  public long[] timesMs() {
    return times.clone();
  }

  /** A copy of the rates. */
  public double[] rates() {
    return rates.clone();
  }

  /** Equal when venue, instrument and every value (bit for bit) are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FundingSeries s
        && venue.equals(s.venue)
        && instrument.equals(s.instrument)
        && Arrays.equals(times, s.times)
        && Arrays.equals(rates, s.rates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(venue, instrument, Arrays.hashCode(times), Arrays.hashCode(rates));
  }

  @Override
  public String toString() {
    return "FundingSeries[" + venue + " " + instrument + ", " + size() + " settlements]";
  }

  /** Accumulates settlements in increasing time order. Not thread-safe. */
  public static final class Builder {
    private final String venue;
    private final InstrumentId instrument;
    private long[] times = new long[64];
    private double[] rates = new double[64];
    private int size;

    Builder(String venue, InstrumentId instrument) {
      this.venue = requireVenue(venue);
      this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    /**
     * Appends a settlement.
     *
     * @throws IllegalArgumentException when the rate is implausible or the time does not follow the
     *     previous settlement
     */
    public Builder add(long timeMs, double rate) {
      String violation = violation(rate);
      if (violation != null) {
        throw new IllegalArgumentException(instrument + " at " + timeMs + ": " + violation);
      }
      if (size > 0 && timeMs <= times[size - 1]) {
        throw new IllegalArgumentException(
            instrument + ": time " + timeMs + " does not follow " + times[size - 1]);
      }
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        rates = Arrays.copyOf(rates, size * 2);
      }
      times[size] = timeMs;
      rates[size] = rate;
      size++;
      return this;
    }

    /** Settlements added so far. */
    public int size() {
      return size;
    }

    /** Time of the last settlement added; there must be one. */
    public long lastTimeMs() {
      if (size == 0) {
        throw new IllegalStateException("no settlements added");
      }
      return times[size - 1];
    }

    /** The series of the settlements added so far (copies; the builder stays usable). */
    public FundingSeries build() {
      return new FundingSeries(
          venue, instrument, Arrays.copyOf(times, size), Arrays.copyOf(rates, size));
    }
  }

  /** Why {@code rate} is not a plausible funding rate, or {@code null}. */
  public static String violation(double rate) {
    if (!Double.isFinite(rate) || Math.abs(rate) > 0.1) {
      return "implausible funding rate " + rate;
    }
    return null;
  }
}
