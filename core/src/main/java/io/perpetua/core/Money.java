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

  /** This amount times a rate (fees, funding), rounded half-even to 1e-8. */
  public Money times(double rate) {
    return of(toBigDecimal().multiply(BigDecimal.valueOf(rate)));
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
