package io.perpetua.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic helpers for scaled {@code long} values ({@code value = raw / 10^scale}).
 *
 * <p>Stateless and thread-safe. Scales are limited to {@code 0..MAX_SCALE} so that {@code 10^scale}
 * fits in a {@code long} with room for values up to about 9.2e10 at scale 8.
 */
public final class FixedPoint {
  /** The largest supported scale (decimal places). */
  public static final int MAX_SCALE = 12;

  private static final long[] POW10 = new long[MAX_SCALE + 7];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private FixedPoint() {}

  /** Returns {@code 10^exponent}; {@code exponent} must be in {@code 0..18}. */
  public static long pow10(int exponent) {
    return POW10[exponent];
  }

  /** Validates a scale, returning it. */
  public static int checkScale(int scale) {
    if (scale < 0 || scale > MAX_SCALE) {
      throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ", was " + scale);
    }
    return scale;
  }

  /**
   * Converts a double to a raw value at {@code scale}, rounding half-even. Rejects NaN/infinite.
   */
  public static long rawOf(double value, int scale) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    double scaled = value * POW10[scale];
    if (Math.abs(scaled) >= 9.0e18) {
      throw new ArithmeticException("value out of range at scale " + scale + ": " + value);
    }
    return (long) Math.rint(scaled);
  }

  /**
   * Parses a decimal string to a raw value at {@code scale}; fails if it has more decimals than the
   * scale allows (no silent rounding of input).
   */
  public static long rawOf(String text, int scale) {
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal number: '" + text + "'", e);
    }
    return rawOf(value, scale);
  }

  /** Converts an exact decimal to a raw value at {@code scale}; fails on lost precision. */
  public static long rawOf(BigDecimal value, int scale) {
    try {
      return value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException(
          "value "
              + value.toPlainString()
              + " does not fit scale "
              + scale
              + ": "
              + e.getMessage());
    }
  }

  /** The raw value as a double. */
  public static double toDouble(long raw, int scale) {
    return raw / (double) POW10[scale];
  }

  /** The raw value as an exact decimal. */
  public static BigDecimal toBigDecimal(long raw, int scale) {
    return BigDecimal.valueOf(raw, scale);
  }

  /** Rescales a raw value from one scale to another, rounding half-even when reducing. */
  public static long rescale(long raw, int fromScale, int toScale) {
    if (fromScale == toScale) {
      return raw;
    }
    if (toScale > fromScale) {
      return Math.multiplyExact(raw, POW10[toScale - fromScale]);
    }
    return divideRoundHalfEven(raw, POW10[fromScale - toScale]);
  }

  /** Divides rounding half-even. */
  public static long divideRoundHalfEven(long dividend, long divisor) {
    long q = dividend / divisor;
    long r = dividend % divisor;
    long twice = Math.abs(r) * 2;
    long d = Math.abs(divisor);
    if (twice > d || (twice == d && (q & 1) != 0)) {
      q += (dividend < 0) == (divisor < 0) ? 1 : -1;
    }
    return q;
  }

  /**
   * Multiplies two raw values with scales {@code s1} and {@code s2} and returns the product at
   * {@code outScale}, rounding half-even; exact through a 128-bit path when the product overflows.
   */
  public static long multiply(long a, int s1, long b, int s2, int outScale) {
    int productScale = s1 + s2;
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
      if (productScale <= 18) {
        return rescale(low, productScale, outScale);
      }
    }
    return BigDecimal.valueOf(a, s1)
        .multiply(BigDecimal.valueOf(b, s2))
        .setScale(outScale, RoundingMode.HALF_EVEN)
        .unscaledValue()
        .longValueExact();
  }
}
