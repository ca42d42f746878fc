package io.perpetua.trading.risk;

import java.util.Locale;
import java.util.Objects;

/**
 * One rule's state in {@code GET /api/v1/risk/status}.
 *
 * @param ruleName rule id, e.g. {@code max_position_pct}
 * @param displayName human-readable name
 * @param threshold the configured limit
 * @param currentValue the rule's current value
 * @param level ok, warning or violated
 * @param worstSymbol the symbol with the worst value, or null
 * @param detail extra detail (e.g. {@code long=0.50, short=0.35}), or null
 */
public record RuleStatus(
    String ruleName,
    String displayName,
    double threshold,
    double currentValue,
    Level level,
    String worstSymbol,
    String detail) {

  /** A rule's level; wire codes are the lower-case names. */
  public enum Level {
    /** Within limits. */
    OK,
    /** Close to the limit. */
    WARNING,
    /** At or beyond the limit. */
    VIOLATED;

    /** The wire code. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates. */
  public RuleStatus {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(level, "level");
  }

  /**
   * The level of a value against an upper {@code threshold}: violated at or above it, warning from
   * {@code warningRatio × threshold}.
   */
  public static Level upper(double value, double threshold, double warningRatio) {
    if (Double.isInfinite(threshold) || Double.isNaN(value)) {
      return Level.OK;
    }
    if (value >= threshold) {
      return Level.VIOLATED;
    }
    return value >= warningRatio * threshold ? Level.WARNING : Level.OK;
  }
}
