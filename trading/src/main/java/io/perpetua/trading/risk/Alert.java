package io.perpetua.trading.risk;

import java.util.Objects;

/**
 * A risk alert: raised when a rule enters warning or violation (or a breaker trips), kept while the
 * condition persists (no duplicates), resolved automatically when it clears.
 *
 * @param alertId stable id ({@code alt-yyyyMMdd-HHmmss-<hash of rule and symbol>})
 * @param severity how serious
 * @param ruleName the rule that raised it
 * @param symbol the symbol it concerns, or null for the portfolio
 * @param message human-readable description
 * @param currentValue the rule's value when raised
 * @param threshold the rule's threshold
 * @param raisedAtMs when raised (kernel time)
 * @param resolvedAtMs when resolved, or null while active
 */
public record Alert(
    String alertId,
    AlertSeverity severity,
    String ruleName,
    String symbol,
    String message,
    double currentValue,
    double threshold,
    long raisedAtMs,
    Long resolvedAtMs) {
  /** Validates. */
  public Alert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(message, "message");
  }

  /** True once resolved. */
  public boolean resolved() {
    return resolvedAtMs != null;
  }

  /** This alert resolved at {@code timeMs}. */
  public Alert resolve(long timeMs) {
    return new Alert(
        alertId,
        severity,
        ruleName,
        symbol,
        message,
        currentValue,
        threshold,
        raisedAtMs,
        Math.max(timeMs, raisedAtMs));
  }
}
