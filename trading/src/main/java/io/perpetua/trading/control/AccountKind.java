package io.perpetua.trading.control;

import java.util.Locale;

/** What an account trades: spot (delta = base holdings) or perpetuals (delta = position). */
public enum AccountKind {
  SPOT,
  PERP;

  /** The wire code ({@code spot}, {@code perp}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code spot} or {@code perp}. */
  public static AccountKind parse(String text) {
    for (AccountKind k : values()) {
      if (k.code().equals(text)) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind must be spot or perp, was " + text);
  }
}
