package io.perpetua.core;

import java.util.Locale;

/**
 * A bar interval with its Binance code ({@code 1m}, {@code 1h}, {@code 1d}...).
 *
 * <p>Stable wire codes; {@link #parse(String)} is the inverse of {@link #code()}.
 */
public enum Timeframe {
  /** One minute. */
  M1("1m", 60_000L),
  /** Five minutes. */
  M5("5m", 300_000L),
  /** Fifteen minutes. */
  M15("15m", 900_000L),
  /** One hour. */
  H1("1h", 3_600_000L),
  /** Four hours. */
  H4("4h", 14_400_000L),
  /** One day. */
  D1("1d", 86_400_000L);

  private final String code;
  private final long millis;

  Timeframe(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  /** The wire code, e.g. {@code 1h}. */
  public String code() {
    return code;
  }

  /** The interval length in milliseconds. */
  public long millis() {
    return millis;
  }

  /** Parses a wire code such as {@code 1h}. */
  public static Timeframe parse(String code) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (Timeframe t : values()) {
      if (t.code.equals(c)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown timeframe '" + Echo.of(code) + "': expected 1m, 5m, 15m, 1h, 4h or 1d");
  }
}
