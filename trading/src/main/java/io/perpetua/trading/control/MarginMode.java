package io.perpetua.trading.control;

import java.util.Locale;

/** The account's margin mode on its venue. */
public enum MarginMode {
  CROSS,
  ISOLATED;

  /** The wire code ({@code cross}, {@code isolated}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code cross} or {@code isolated}. */
  public static MarginMode parse(String text) {
    for (MarginMode m : values()) {
      if (m.code().equals(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("margin_mode must be cross or isolated, was " + text);
  }
}
