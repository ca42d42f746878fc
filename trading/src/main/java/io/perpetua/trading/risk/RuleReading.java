package io.perpetua.trading.risk;

import io.perpetua.core.Money;
import java.util.Objects;

/**
 * What one risk rule saw when it checked one order: its value and its threshold at that moment
 * (exact decimals, USDT for money; null for rules without a number, such as a switch or a list) and
 * whether the order passed it. The kernel journals the readings of every rule that ran with the
 * order's decision, for the decision replay. Immutable.
 *
 * @param rule the rule id ({@code max_position_pct}, ...)
 * @param value the rule's value for this order (e.g. the position after it), or null
 * @param threshold the limit the value was compared with, or null (no number, or the rule is off)
 * @param passed false for the rule that rejected the order
 */
public record RuleReading(String rule, String value, String threshold, boolean passed) {
  /** Validates. */
  public RuleReading {
    Objects.requireNonNull(rule, "rule");
  }

  /**
   * A rule's value and threshold for one order, from the same amounts its check compares.
   *
   * @param value the value (plain decimal)
   * @param threshold the threshold (plain decimal), or null when the rule is off
   */
  public record Measure(String value, String threshold) {
    /** Money amounts; a null threshold (an off limit) stays null. */
    public static Measure of(Money value, Money threshold) {
      return new Measure(
          value == null ? null : value.toString(), threshold == null ? null : threshold.toString());
    }
  }

  /** The reading of {@code rule} with {@code measure} (null: no number). */
  public static RuleReading of(String rule, Measure measure, boolean passed) {
    return measure == null
        ? new RuleReading(rule, null, null, passed)
        : new RuleReading(rule, measure.value(), measure.threshold(), passed);
  }
}
