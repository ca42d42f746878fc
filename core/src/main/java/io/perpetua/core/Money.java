package io.perpetua.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of the settlement currency (USDT) as a fixed-point value with {@value #SCALE} decimals:
 * {@code raw / 10^8}. Range about ±9.2e10. Arithmetic is exact and overflow-checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param raw the amount times 10^8
 */
public record Money(long raw) implements Comparable<Money> {
  /** Decimal places of every {@code Money}. */
  public static final int SCALE = 8;

  /** Zero. */
  public static final Money ZERO = new Money(0);

  /** Rounds a double to the nearest 1e-8. */
  public static Money of(double value) {
    return new Money(FixedPoint.rawOf(value, SCALE));
  }

  /** Parses an exact decimal string. */
  public static Money parse(String text) {
    return new Money(FixedPoint.rawOf(text, SCALE));
  }

  /** Converts a decimal, rounding half-even to 8 places. */
  public static Money of(BigDecimal value) {
    return new Money(FixedPoint.rawOf(value.setScale(SCALE, RoundingMode.HALF_EVEN), SCALE));
  }

  /** The notional {@code price × quantity}, exact to 1e-8 (half-even). */
  public static Money notional(Price price, Quantity quantity) {
    return new Money(
        FixedPoint.multiply(price.raw(), price.scale(), quantity.raw(), quantity.scale(), SCALE));
  }

  /** The sum. */
  public Money plus(Money other) {
    return new Money(Math.addExact(raw, other.raw));
  }

  /** The difference. */
  public Money minus(Money other) {
    return new Money(Math.subtractExact(raw, other.raw));
  }

  /** The negation. */
  public Money negate() {
    return new Money(Math.negateExact(raw));
  }

  /** The absolute value. */
  public Money abs() {
    return raw < 0 ? negate() : this;
  }

  /**
   * This amount times a rate (fees, funding), rounded half-even to 1e-8. The product is computed in
   * double when it is far inside the range where doubles are exact to well below one unit (the rate
   * is a double already), else through {@link BigDecimal}.
   */
  public Money times(double rate) {
    double product = raw * rate;
    if (Math.abs(product) < 1e14 && Math.abs(raw) < (1L << 52)) {
      return new Money((long) Math.rint(product));
    }
    return of(toBigDecimal().multiply(BigDecimal.valueOf(rate)));
  }

  /**
   * {@code this × numerator / denominator}, rounded half-even to 1e-8, exactly (128-bit fallback
   * through {@link BigDecimal} only when the product overflows a long).
   */
  public Money fraction(long numerator, long denominator) {
    if (denominator == 0) {
      throw new ArithmeticException("fraction with zero denominator");
    }
    try {
      return new Money(
          FixedPoint.divideRoundHalfEven(Math.multiplyExact(raw, numerator), denominator));
    } catch (ArithmeticException overflow) {
      return of(
          toBigDecimal()
              .multiply(BigDecimal.valueOf(numerator))
              .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_EVEN));
    }
  }

  /** The sign: -1, 0 or 1. */
  public int signum() {
    return Long.signum(raw);
  }

  /** This amount as a double, for analytics. */
  public double toDouble() {
    return FixedPoint.toDouble(raw, SCALE);
  }

  /** This amount as an exact decimal. */
  public BigDecimal toBigDecimal() {
    return FixedPoint.toBigDecimal(raw, SCALE);
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(raw, other.raw);
  }

  @Override
  public String toString() {
    return toBigDecimal().stripTrailingZeros().toPlainString();
  }
}
