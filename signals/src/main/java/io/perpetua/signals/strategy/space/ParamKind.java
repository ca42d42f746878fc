package io.perpetua.signals.strategy.space;

import java.util.Locale;

/** How a parameter of a search space is sampled; the codes are stable (files, API, CLI). */
public enum ParamKind {
  /** Integers on a step grid. */
  INT("int"),
  /** Real numbers, uniform between the bounds (on a step grid when a step is given). */
  FLOAT("float"),
  /** Positive real numbers, uniform in their logarithm. */
  LOG_FLOAT("log_float"),
  /** One of a list of choices. */
  CATEGORICAL("categorical");

  private final String code;

  ParamKind(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code log_float}. */
  public String code() {
    return code;
  }

  /**
   * Parses a code.
   *
   * @throws IllegalArgumentException naming the accepted codes
   */
  public static ParamKind parse(String code) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (ParamKind k : values()) {
      if (k.code.equals(c)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "type: must be one of int, float, log_float, categorical, was '" + code + "'");
  }
}
