package io.perpetua.trading.risk;

import io.perpetua.core.Money;
import java.util.Locale;

/**
 * Numbers in risk messages and statuses: ratios of fixed-point amounts turned into text or into the
 * {@code double}s of the API's status rows. Display only: no decision is taken on these values.
 * Stateless and thread-safe.
 */
public final class RiskText {
  private RiskText() {}

  /** {@code numerator / denominator} for display; 0 when the denominator is not positive. */
  public static double ratio(Money numerator, Money denominator) {
    return denominator == null || denominator.signum() <= 0
        ? 0
        : numerator.toDouble() / denominator.toDouble();
  }

  /** The fraction as a double for display ({@code +∞} when off). */
  public static double value(Fraction f) {
    return f.isOff() ? Double.POSITIVE_INFINITY : f.raw() / 1e8;
  }

  /** An amount with four decimals. */
  public static String amount(Money m) {
    return String.format(Locale.ROOT, "%.4f", m.toDouble());
  }

  /** A multiple ({@code 1.2000}) of a ratio. */
  public static String multiple(Money numerator, Money denominator) {
    return String.format(Locale.ROOT, "%.4f", ratio(numerator, denominator));
  }

  /** A fraction limit as a multiple. */
  public static String multiple(Fraction f) {
    return String.format(Locale.ROOT, "%.4f", value(f));
  }

  /** A ratio in percent ({@code 16.00%}). */
  public static String percent(Money numerator, Money denominator) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * ratio(numerator, denominator));
  }

  /** A fraction limit in percent. */
  public static String percent(Fraction f) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * value(f));
  }
}
