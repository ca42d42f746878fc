package io.perpetua.trading.risk;

import java.util.Locale;

/** How serious an alert is; wire codes are the lower-case names. */
public enum AlertSeverity {
  /** For information (e.g. an operator action). */
  INFO,
  /** A rule is close to its limit. */
  WARNING,
  /** A limit is violated or a breaker tripped. */
  CRITICAL;

  /** The wire code. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire code. */
  public static AlertSeverity parse(String code) {
    for (AlertSeverity s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown alert severity: " + code);
  }
}
