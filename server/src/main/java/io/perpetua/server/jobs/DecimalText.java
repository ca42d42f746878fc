package io.perpetua.server.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimals as JSON strings, as the job API writes them: rounded half up, plain notation (no
 * exponent); non-finite values have no decimal form and become null. Stateless.
 */
final class DecimalText {
  private DecimalText() {}

  /** Exactly {@code scale} decimal places, e.g. money {@code "10031.50"}; null if not finite. */
  static String fixed(double value, int scale) {
    if (!Double.isFinite(value)) {
      return null;
    }
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * At most {@code scale} decimal places, trailing zeros removed, e.g. a ratio {@code "1.84"}; null
   * if not finite.
   */
  static String plain(double value, int scale) {
    if (!Double.isFinite(value)) {
      return null;
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
  }
}
