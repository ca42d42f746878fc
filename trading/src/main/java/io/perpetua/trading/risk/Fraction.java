package io.perpetua.trading.risk;

import io.perpetua.core.FixedPoint;
import io.perpetua.core.Money;

/**
 * A non-negative fraction limit (e.g. 0.15 of equity) as a fixed-point value with {@value #SCALE}
 * decimals, or {@link #OFF} for a limit that never binds (configured as {@code +∞}). Converted once
 * from the configuration; applied to {@link Money} exactly ({@link Money#fraction}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param raw the fraction times {@code 10^SCALE}, or {@code Long.MAX_VALUE} when off
 */
public record Fraction(long raw) {
  /** Decimals of a fraction. */
  public static final int SCALE = 8;

  /** A limit that never binds. */
  public static final Fraction OFF = new Fraction(Long.MAX_VALUE);

  private static final long ONE = FixedPoint.pow10(SCALE);

  /** Validates: never negative. */
  public Fraction {
    if (raw < 0) {
      throw new IllegalArgumentException("negative fraction " + raw);
    }
  }

  /**
   * A configured limit: {@code +∞} (or anything from 9e10 on) is {@link #OFF}, anything else is
   * rounded half-even to {@value #SCALE} decimals; NaN and negative values are refused.
   */
  public static Fraction ofLimit(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("fraction must be >= 0, got " + value);
    }
    if (value >= 9.0e10) { // +∞, or so large that no amount of money could reach it
      return OFF;
    }
    return new Fraction(FixedPoint.rawOf(value, SCALE));
  }

  /**
   * An exact decimal limit (e.g. from the API): at most {@value #SCALE} decimals, not negative,
   * below 9e10.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static Fraction exact(java.math.BigDecimal value) {
    if (value.signum() < 0 || value.compareTo(java.math.BigDecimal.valueOf(9.0e10)) >= 0) {
      throw new IllegalArgumentException("must be between 0 and 9e10, got " + value);
    }
    try {
      return new Fraction(
          value
              .setScale(SCALE, java.math.RoundingMode.UNNECESSARY)
              .unscaledValue()
              .longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("at most " + SCALE + " decimals, got " + value, e);
    }
  }

  /** The exact decimal value (null when off). */
  public java.math.BigDecimal toBigDecimal() {
    return isOff() ? null : FixedPoint.toBigDecimal(raw, SCALE);
  }

  /** True when this limit never binds. */
  public boolean isOff() {
    return raw == Long.MAX_VALUE;
  }

  /** True for a zero fraction (a configured "off" for breakers given as 0). */
  public boolean isZero() {
    return raw == 0;
  }

  /**
   * {@code this × base}, exact to 1e-8 (half-even); null when off or beyond the range of {@link
   * Money} (a limit no amount can reach binds nothing).
   */
  public Money of(Money base) {
    if (isOff()) {
      return null;
    }
    try {
      return base.fraction(raw, ONE);
    } catch (ArithmeticException beyondRange) {
      return null;
    }
  }

  /** True when {@code count ≥ this × limit} (counts such as losing trades against a limit). */
  public boolean reached(long count, long limit) {
    return !isOff() && Math.multiplyExact(count, ONE) >= Math.multiplyExact(raw, limit);
  }

  @Override
  public String toString() {
    return isOff() ? "off" : FixedPoint.toBigDecimal(raw, SCALE).toPlainString();
  }
}
