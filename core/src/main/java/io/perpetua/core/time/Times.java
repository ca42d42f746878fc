package io.perpetua.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Conversions between epoch milliseconds and the API's ISO-8601 UTC forms. Stateless. */
public final class Times {
  /** Milliseconds per hour. */
  public static final long HOUR_MS = 3_600_000L;

  /** Milliseconds per day. */
  public static final long DAY_MS = 86_400_000L;

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2026-03-02T23:59:00Z} (second precision, as in the API spec). */
  public static String iso(long epochMs) {
    return ISO_SECONDS.format(Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code 2026-03-02}. */
  public static String isoDate(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
  }

  /** Parses {@code YYYY-MM-DD} to its UTC midnight in epoch ms. */
  public static long parseDate(String date) {
    return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** Parses an ISO-8601 instant to epoch ms. */
  public static long parseInstant(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }
}
