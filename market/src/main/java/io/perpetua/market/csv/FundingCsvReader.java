package io.perpetua.market.csv;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Times;
import io.perpetua.market.FundingSeries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Reads funding-rate histories {@code Symbol,Date,Funding Rate} (e.g. {@code BTC-USDT,2020-01-01
 * 03:00:00.000,-0.00012359}) into a {@link FundingSeries}.
 *
 * <p>{@code Date} is {@code yyyy-MM-dd HH:mm:ss[.fraction]} (a {@code T} separator and a trailing
 * {@code Z} are accepted). The shared data set wrote it in the collector's local time, 3 h ahead of
 * UTC, so by default 3 h are subtracted ({@link #sharedDataShiftMs}): Binance, Bybit, HTX and MEXC
 * then settle at 00/08/16 UTC and KuCoin at 04/12/20 UTC (its real schedule); dYdX is hourly. The
 * Gate files are the exception: they are already in UTC (00/08/16 as written), so their default
 * shift is 0. The shift is configurable. After shifting, times are rounded to the nearest second:
 * Binance stamps settlements a few milliseconds late ({@code 19:00:00.001}), which is processing
 * jitter, not information.
 *
 * <p>The instrument comes from the Symbol column ({@code BTC-USDT} → {@code BTC/USDT:USDT}; rows of
 * another symbol are malformed), the venue from the file name ({@code BTC-USDT_binance_...csv}) or
 * the caller. Rates must be finite with {@code |rate| <= 0.1}; times must increase (an exact
 * duplicate is skipped with an issue). Gzip is detected from the content.
 *
 * <p>Immutable and thread-safe when the shift function is.
 */
public final class FundingCsvReader {
  /** The shift of the shared data set's dates ahead of UTC: 3 h. */
  public static final long DEFAULT_SHIFT_MS = 3 * Times.HOUR_MS;

  private final ErrorPolicy policy;
  private final ToLongFunction<String> shiftMsByVenue;

  /** A reader with the shared data set's shifts ({@link #sharedDataShiftMs}). */
  public FundingCsvReader(ErrorPolicy policy) {
    this(policy, FundingCsvReader::sharedDataShiftMs);
  }

  /** A reader subtracting {@code shiftMs} from every date, whatever the venue. */
  public FundingCsvReader(ErrorPolicy policy, long shiftMs) {
    this(policy, venue -> shiftMs);
  }

  /** A reader subtracting {@code shiftMsByVenue.applyAsLong(venue)} from the dates of a venue. */
  public FundingCsvReader(ErrorPolicy policy, ToLongFunction<String> shiftMsByVenue) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.shiftMsByVenue = Objects.requireNonNull(shiftMsByVenue, "shiftMsByVenue");
  }

  /** The shift of the shared data set: {@link #DEFAULT_SHIFT_MS}, except 0 for {@code gate}. */
  public static long sharedDataShiftMs(String venue) {
    return "gate".equals(venue) ? 0 : DEFAULT_SHIFT_MS;
  }

  /** The policy for malformed lines. */
  public ErrorPolicy policy() {
    return policy;
  }

  /** The milliseconds subtracted from the dates of {@code venue}. */
  public long shiftMs(String venue) {
    return shiftMsByVenue.applyAsLong(venue);
  }

  /** Reads {@code file}, taking the venue (and, for an empty file, the symbol) from its name. */
  public FundingReadResult read(Path file) throws IOException {
    String name = file.getFileName().toString();
    FundingFileName parsed =
        FundingFileName.parse(name)
            .orElseThrow(
                () ->
                    new DataFormatException(
                        new DataIssue(
                            file.toString(),
                            0,
                            "cannot infer symbol and venue from the file name: expected"
                                + " BTC-USDT_<venue>_..._funding_history.csv")));
    try (InputStream in = InputFiles.open(file)) {
      return read(in, file.toString(), parsed.venue(), parsed.instrument());
    }
  }

  /**
   * Reads a stream (plain or gzip) named {@code source} in issues, of venue {@code venue}; {@code
   * expected}, when not null, is the instrument every row must name (and that of an empty file).
   * The stream is not closed.
   */
  public FundingReadResult read(InputStream in, String source, String venue, InstrumentId expected)
      throws IOException {
    FundingSeries.requireVenue(venue);
    LineReader lines = new LineReader(InputFiles.decompressIfGzip(in));
    IssueLog log = new IssueLog(source, policy);
    FundingRows rows = new FundingRows(lines, log, venue, expected, shiftMs(venue));
    try {
      while (lines.next()) {
        if (!lines.isBlank()) {
          rows.line();
        }
      }
    } catch (DataFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
    FundingSeries series = rows.build();
    if (series == null) {
      throw log.fatal(0, "no settlements and no symbol to name the instrument");
    }
    return new FundingReadResult(series, log.issues(), lines.lineNumber(), log.skippedLines());
  }
}
