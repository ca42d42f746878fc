package io.perpetua.market.csv;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Times;
import io.perpetua.market.BarChecks;
import io.perpetua.market.BarSeries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads Binance kline CSVs into a {@link BarSeries}. Two layouts are recognised, from the header
 * or, without one, from the number of fields of the first line:
 *
 * <ul>
 *   <li>{@code timestamp,open,high,low,close,volume,datetime} (the shared data set; the datetime
 *       column is ignored and the quote volume estimated as {@code close × volume});
 *   <li>Binance's 12-column bulk layout {@code open_time,open,high,low,close,volume,close_time,
 *       quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore}, with or without header
 *       (the quote volume is column 8). Open times of 10<sup>14</sup> or more are taken as
 *       microseconds (Binance's spot files since 2025) and converted to milliseconds.
 * </ul>
 *
 * <p>Gzip is detected from the content. Every line is checked: field count, numbers, the {@link
 * io.perpetua.core.Bar} rules, open times on the timeframe's UTC grid (a multiple of the interval
 * since the epoch: catches files of another timeframe and close times given as open times), and
 * increasing open times. Malformed lines and open times earlier than the previous bar follow the
 * {@link ErrorPolicy}; a line repeating the previous open time is skipped with an issue under
 * either policy (the first bar is kept). Zero volume is valid. Blank lines are ignored. An
 * unrecognised header fails under either policy.
 *
 * <p>Immutable and thread-safe; each call parses without allocating per line.
 */
public final class KlineCsvReader {
  static final long MICROSECONDS_FROM = 100_000_000_000_000L;
  private static final String[] VALUE_NAMES = {"open", "high", "low", "close", "volume"};

  private final ErrorPolicy policy;

  /** A reader applying {@code policy} to malformed lines. */
  public KlineCsvReader(ErrorPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy for malformed lines. */
  public ErrorPolicy policy() {
    return policy;
  }

  /** Reads {@code file} (plain or gzip); issues name the file as {@code file.toString()}. */
  public KlineReadResult read(Path file, InstrumentId instrument, Timeframe timeframe)
      throws IOException {
    try (InputStream in = InputFiles.open(file)) {
      return read(in, file.toString(), instrument, timeframe);
    }
  }

  /**
   * Reads a stream (plain or gzip) named {@code source} in issues. The stream is not closed.
   *
   * @throws DataFormatException on a malformed line under {@link ErrorPolicy#STOP}, or on an
   *     unrecognised header
   */
  public KlineReadResult read(
      InputStream in, String source, InstrumentId instrument, Timeframe timeframe)
      throws IOException {
    LineReader lines = new LineReader(InputFiles.decompressIfGzip(in));
    IssueLog log = new IssueLog(source, policy);
    Parse parse = new Parse(lines, log, BarSeries.builder(instrument, timeframe, 8192), timeframe);
    try {
      while (lines.next()) {
        if (!lines.isBlank()) {
          parse.line();
        }
      }
    } catch (DataFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
    return new KlineReadResult(
        parse.bars.build(), log.issues(), lines.lineNumber(), log.skippedLines());
  }

  /** The state of one read. */
  private static final class Parse {
    private final LineReader lines;
    private final IssueLog log;
    private final BarSeries.Builder bars;
    private final Timeframe timeframe;
    private final long intervalMs;
    private final double[] values = new double[5];
    private KlineLayout layout;

    Parse(LineReader lines, IssueLog log, BarSeries.Builder bars, Timeframe timeframe) {
      this.lines = lines;
      this.log = log;
      this.bars = bars;
      this.timeframe = timeframe;
      this.intervalMs = timeframe.millis();
    }

    void line() throws DataFormatException {
      if (layout == null && !detect()) {
        return;
      }
      long n = lines.lineNumber();
      if (lines.fieldCount() != layout.fields()) {
        log.malformed(
            n,
            "expected "
                + layout.fields()
                + " fields ("
                + layout.name()
                + " layout), found "
                + lines.fieldCount());
        return;
      }
      long time = lines.parseLong(0);
      if (time == Long.MIN_VALUE) {
        log.malformed(n, "invalid open time " + lines.quoted(0));
        return;
      }
      if (time >= MICROSECONDS_FROM) {
        time /= 1000;
      }
      if (Math.floorMod(time, intervalMs) != 0) {
        log.malformed(
            n, "open time " + describe(time) + " is not on the " + timeframe.code() + " grid");
        return;
      }
      for (int f = 0; f < 5; f++) {
        double v = lines.parseDouble(f + 1);
        if (Double.isNaN(v)) {
          log.malformed(n, "invalid " + VALUE_NAMES[f] + " " + lines.quoted(f + 1));
          return;
        }
        values[f] = v;
      }
      int qvField = layout.quoteVolumeField();
      double quoteVolume = qvField < 0 ? values[3] * values[4] : lines.parseDouble(qvField);
      if (Double.isNaN(quoteVolume)) {
        log.malformed(n, "invalid quote_volume " + lines.quoted(qvField));
        return;
      }
      add(n, time, quoteVolume);
    }

    private void add(long n, long time, double quoteVolume) throws DataFormatException {
      double[] v = values;
      String violation = BarChecks.violation(v[0], v[1], v[2], v[3], v[4], quoteVolume);
      if (violation != null) {
        log.malformed(n, violation);
        return;
      }
      if (bars.size() > 0) {
        long last = bars.lastOpenTimeMs();
        if (time == last) {
          log.skipped(n, "duplicate open time " + describe(time) + " skipped");
          return;
        }
        if (time < last) {
          log.malformed(
              n, "open time " + describe(time) + " is before the previous bar " + describe(last));
          return;
        }
      }
      bars.add(time, v[0], v[1], v[2], v[3], v[4], quoteVolume);
    }

    /** Sets the layout from the first non-blank line; whether that line holds data. */
    private boolean detect() throws DataFormatException {
      long n = lines.lineNumber();
      boolean header =
          lines.fieldEnd(0) > lines.fieldStart(0)
              && Character.isLetter(lines.buffer()[lines.fieldStart(0)]);
      if (header) {
        String[] names = new String[Math.min(lines.fieldCount(), LineReader.MAX_FIELDS)];
        for (int f = 0; f < names.length; f++) {
          names[f] = lines.field(f);
        }
        layout = KlineLayout.ofHeader(names);
        if (layout == null) {
          throw log.fatal(
              n,
              "unrecognised header '"
                  + String.join(",", names)
                  + "': expected timestamp,open,high,low,close,volume,datetime or Binance's"
                  + " 12-column open_time,...,ignore");
        }
        return false;
      }
      layout = KlineLayout.ofFieldCount(lines.fieldCount());
      if (layout == null) {
        log.malformed(
            n, "cannot tell the layout: expected 7 or 12 fields, found " + lines.fieldCount());
        return false;
      }
      return true;
    }
  }

  static String describe(long timeMs) {
    return timeMs + " (" + Times.iso(timeMs) + ")";
  }
}
