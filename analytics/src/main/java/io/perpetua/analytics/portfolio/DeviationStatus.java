package io.perpetua.analytics.portfolio;

/**
 * How far a symbol's actual weight is from its target, with the stable codes of the API's {@code
 * deviations[].status}.
 */
public enum DeviationStatus {
  /** Both weights are non-zero and |deviation %| &lt; 10. */
  ACCEPTABLE("acceptable"),
  /** Both weights are non-zero and |deviation %| ≥ 10 (including beyond 50 %). */
  WARNING("warning"),
  /** A non-zero target, no position. */
  MISSING("missing"),
  /** A position without a (non-zero) target. */
  EXTRA("extra");

  private final String code;

  DeviationStatus(String code) {
    this.code = code;
  }

  /** The wire code, e.g. {@code "acceptable"}. */
  public String code() {
    return code;
  }

  /**
   * The status with wire code {@code code}.
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static DeviationStatus parse(String code) {
    for (DeviationStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown deviation status '" + code + "'");
  }
}
