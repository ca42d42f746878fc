package io.perpetua.venue.binance.fake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Every Binance kline interval, {@code 1m} to {@code 1M}, with Binance's bar alignment: the
 * fixed-length ones open at multiples of their length since the epoch (UTC), weekly bars on Monday
 * 00:00 UTC and monthly bars on the first day of the month 00:00 UTC. The fake keeps its own table
 * (not the adapter's) so that a mistake in one cannot hide behind the other. Immutable.
 */
public enum FakeInterval {
  /** One minute. */
  M1("1m", 60_000L),
  /** Three minutes. */
  M3("3m", 3 * 60_000L),
  /** Five minutes. */
  M5("5m", 5 * 60_000L),
  /** Fifteen minutes. */
  M15("15m", 15 * 60_000L),
  /** Thirty minutes. */
  M30("30m", 30 * 60_000L),
  /** One hour. */
  H1("1h", 3_600_000L),
  /** Two hours. */
  H2("2h", 2 * 3_600_000L),
  /** Four hours. */
  H4("4h", 4 * 3_600_000L),
  /** Six hours. */
  H6("6h", 6 * 3_600_000L),
  /** Eight hours. */
  H8("8h", 8 * 3_600_000L),
  /** Twelve hours. */
  H12("12h", 12 * 3_600_000L),
  /** One day. */
  D1("1d", 24 * 3_600_000L),
  /** Three days (epoch-aligned). */
  D3("3d", 72 * 3_600_000L),
  /** One week, Monday to Monday. */
  W1("1w", 7 * 24 * 3_600_000L),
  /** One calendar month (its length here is a nominal 30 days). */
  MONTH("1M", 30 * 24 * 3_600_000L);

  /** 1970-01-01 was a Thursday: weekly bars are offset by four days from the epoch. */
  private static final long WEEK_OFFSET = 4 * 24 * 3_600_000L;

  private final String code;
  private final long nominalMillis;

  FakeInterval(String code, long nominalMillis) {
    this.code = code;
    this.nominalMillis = nominalMillis;
  }

  /** The Binance code, e.g. {@code 1h} or {@code 1M}. */
  public String code() {
    return code;
  }

  /** The length in milliseconds (a nominal 30 days for {@code 1M}). */
  public long millis() {
    return nominalMillis;
  }

  /** The open time of the bar that contains {@code timeMs}. */
  public long openTime(long timeMs) {
    if (this == MONTH) {
      LocalDate d = Instant.ofEpochMilli(timeMs).atZone(ZoneOffset.UTC).toLocalDate();
      return d.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (this == W1) {
      return Math.floorDiv(timeMs - WEEK_OFFSET, nominalMillis) * nominalMillis + WEEK_OFFSET;
    }
    return Math.floorDiv(timeMs, nominalMillis) * nominalMillis;
  }

  /** The open time of the bar after the one that opens at {@code openTimeMs}. */
  public long nextOpen(long openTimeMs) {
    if (this == MONTH) {
      LocalDate d = Instant.ofEpochMilli(openTimeMs).atZone(ZoneOffset.UTC).toLocalDate();
      return d.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    return openTimeMs + nominalMillis;
  }

  /** The open time of the bar before the one that opens at {@code openTimeMs}. */
  public long previousOpen(long openTimeMs) {
    return openTime(openTimeMs - 1);
  }

  /** The close time of the bar that opens at {@code openTimeMs} (Binance: next open − 1). */
  public long closeTime(long openTimeMs) {
    return nextOpen(openTimeMs) - 1;
  }

  /** The interval with Binance code {@code code} (case-sensitive: {@code 1m} ≠ {@code 1M}). */
  public static Optional<FakeInterval> of(String code) {
    for (FakeInterval i : values()) {
      if (i.code.equals(code)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /**
   * The interval with Binance code {@code code}.
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static FakeInterval parse(String code) {
    return of(code)
        .orElseThrow(() -> new IllegalArgumentException("unknown kline interval: " + code));
  }
}
