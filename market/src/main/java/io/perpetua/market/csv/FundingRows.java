package io.perpetua.market.csv;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.FundingSeries;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The state of one funding-CSV read: header, symbol, shift, ordering. Not thread-safe. */
final class FundingRows {
  private static final List<String> HEADER = List.of("symbol", "date", "funding rate");

  private final LineReader lines;
  private final IssueLog log;
  private final String venue;
  private final long shiftMs;
  private InstrumentId instrument;
  private byte[] symbolBytes = new byte[0];
  private FundingSeries.Builder series;
  private boolean started;

  FundingRows(LineReader lines, IssueLog log, String venue, InstrumentId expected, long shiftMs) {
    this.lines = lines;
    this.log = log;
    this.venue = venue;
    this.shiftMs = shiftMs;
    this.instrument = expected;
    if (expected != null) {
      series = FundingSeries.builder(venue, expected);
    }
  }

  void line() throws DataFormatException {
    long n = lines.lineNumber();
    if (!started) {
      started = true;
      if (isHeader()) {
        return;
      }
    }
    if (lines.fieldCount() != 3) {
      log.malformed(n, "expected 3 fields (Symbol,Date,Funding Rate), found " + lines.fieldCount());
      return;
    }
    if (!symbol(n)) {
      return;
    }
    long date = parseDateTime(lines.buffer(), lines.fieldStart(1), lines.fieldEnd(1));
    if (date == Long.MIN_VALUE) {
      log.malformed(n, "invalid date " + lines.quoted(1) + ": expected yyyy-MM-dd HH:mm:ss");
      return;
    }
    double rate = lines.parseDouble(2);
    if (Double.isNaN(rate)) {
      log.malformed(n, "invalid funding rate " + lines.quoted(2));
      return;
    }
    String violation = FundingSeries.violation(rate);
    if (violation != null) {
      log.malformed(n, violation);
      return;
    }
    add(n, Math.floorDiv(date - shiftMs + 500, 1000) * 1000, rate);
  }

  private void add(long n, long time, double rate) throws DataFormatException {
    if (series.size() > 0) {
      long last = series.lastTimeMs();
      if (time == last) {
        log.skipped(n, "duplicate settlement time " + KlineCsvReader.describe(time) + " skipped");
        return;
      }
      if (time < last) {
        log.malformed(
            n,
            "settlement time "
                + KlineCsvReader.describe(time)
                + " is before the previous one "
                + KlineCsvReader.describe(last));
        return;
      }
    }
    series.add(time, rate);
  }

  private boolean isHeader() throws DataFormatException {
    if (!lines.field(0).equalsIgnoreCase("symbol")) {
      return false;
    }
    String[] names = new String[Math.min(lines.fieldCount(), LineReader.MAX_FIELDS)];
    for (int f = 0; f < names.length; f++) {
      names[f] = lines.field(f).toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    if (!HEADER.equals(Arrays.asList(names))) {
      throw log.fatal(
          lines.lineNumber(),
          "unrecognised header '"
              + String.join(",", names)
              + "': expected Symbol,Date,Funding Rate");
    }
    return true;
  }

  /** Checks the row's symbol against the file's; whether the row may continue. */
  private boolean symbol(long n) throws DataFormatException {
    byte[] b = lines.buffer();
    int from = lines.fieldStart(0);
    int to = lines.fieldEnd(0);
    if (Arrays.equals(b, from, to, symbolBytes, 0, symbolBytes.length)) {
      return true;
    }
    InstrumentId id;
    try {
      id = FundingFileName.symbol(lines.field(0));
    } catch (IllegalArgumentException e) {
      log.malformed(n, "invalid symbol " + lines.quoted(0));
      return false;
    }
    if (instrument != null && !instrument.equals(id)) {
      log.malformed(n, "symbol " + lines.quoted(0) + " is not " + instrument);
      return false;
    }
    if (instrument == null) {
      instrument = id;
      series = FundingSeries.builder(venue, id);
    }
    symbolBytes = Arrays.copyOfRange(b, from, to);
    return true;
  }

  FundingSeries build() {
    return series == null ? null : series.build();
  }

  /**
   * {@code yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]][Z]} as epoch ms UTC, or {@link Long#MIN_VALUE}.
   */
  static long parseDateTime(byte[] b, int from, int to) {
    int end = to > from && b[to - 1] == 'Z' ? to - 1 : to;
    int len = end - from;
    if (len < 10 || b[from + 4] != '-' || b[from + 7] != '-') {
      return Long.MIN_VALUE;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return Long.MIN_VALUE;
    }
    long dayMs;
    try {
      dayMs = LocalDate.of(year, month, day).toEpochDay() * 86_400_000L;
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
    if (len == 10) {
      return dayMs;
    }
    if (len < 16 || (b[from + 10] != ' ' && b[from + 10] != 'T') || b[from + 13] != ':') {
      return Long.MIN_VALUE;
    }
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = 0;
    int millis = 0;
    if (len > 16) {
      if (len < 19 || b[from + 16] != ':') {
        return Long.MIN_VALUE;
      }
      second = digits(b, from + 17, 2);
      if (len > 19) {
        millis = fractionMillis(b, from + 19, end);
      }
    }
    if (hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      return Long.MIN_VALUE;
    }
    return dayMs + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
  }

  /** {@code .ddd...} as milliseconds (truncated), or −1 (also when a digit is missing). */
  private static int fractionMillis(byte[] b, int from, int to) {
    if (b[from] != '.' || to - from < 2 || to - from > 10) {
      return -1;
    }
    int ms = 0;
    for (int i = from + 1; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      if (i < from + 4) {
        ms = ms * 10 + d;
      }
    }
    for (int i = to; i < from + 4; i++) {
      ms *= 10;
    }
    return ms;
  }

  /** The unsigned decimal of {@code count} digits at {@code from}, or −1 if they are not digits. */
  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
