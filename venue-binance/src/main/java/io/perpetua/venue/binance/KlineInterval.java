package io.perpetua.venue.binance;

import java.util.Optional;

/**
 * The fixed-length Binance kline intervals ({@code 1m} … {@code 1d}); bars open at multiples of the
 * interval since the epoch (UTC), as on Binance. The calendar intervals {@code 3d}, {@code 1w} and
 * {@code 1M} are not supported.
 */
public enum KlineInterval {
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
  /** One day (UTC midnight to midnight). */
  D1("1d", 24 * 3_600_000L);

  private final String code;
  private final long millis;

  KlineInterval(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  /** The Binance code, e.g. {@code 1h}. */
  public String code() {
    return code;
  }

  /** The length in milliseconds. */
  public long millis() {
    return millis;
  }

  /** The open time of the bar that contains {@code timeMs}. */
  public long openTime(long timeMs) {
    return Math.floorDiv(timeMs, millis) * millis;
  }

  /** The close time of the bar that opens at {@code openTimeMs} (Binance: open + length − 1). */
  public long closeTime(long openTimeMs) {
    return openTimeMs + millis - 1;
  }

  /** The interval with Binance code {@code code}, or empty (unknown or calendar interval). */
  public static Optional<KlineInterval> of(String code) {
    for (KlineInterval i : values()) {
      if (i.code.equals(code)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /**
   * The interval with Binance code {@code code}.
   *
   * @throws IllegalArgumentException for an unknown or unsupported code
   */
  public static KlineInterval parse(String code) {
    return of(code)
        .orElseThrow(() -> new IllegalArgumentException("unsupported kline interval: " + code));
  }
}
