package io.perpetua.core;

import java.math.BigDecimal;

/**
 * A price as a fixed-point value: {@code raw / 10^scale}. The scale is the instrument's price
 * precision (the number of decimals of its tick size).
 *
 * <p>Immutable and thread-safe. Comparison and arithmetic require equal scales.
 *
 * @param raw the scaled integer value
 * @param scale the number of decimal places, {@code 0..FixedPoint.MAX_SCALE}
 */
public record Price(long raw, int scale) implements Comparable<Price> {

  /** Validates the scale. */
  public Price {
    FixedPoint.checkScale(scale);
  }

  /** Parses an exact decimal string at the given scale. */
  public static Price parse(String text, int scale) {
    return new Price(FixedPoint.rawOf(text, scale), scale);
  }

  /** Rounds a double to the nearest representable price at the scale. */
  public static Price of(double value, int scale) {
    return new Price(FixedPoint.rawOf(value, scale), scale);
  }

  /** Converts an exact decimal (from a payload) at the given scale. */
  public static Price of(BigDecimal value, int scale) {
    return new Price(FixedPoint.rawOf(value, scale), scale);
  }

  /** This price as a double, for analytics. */
  public double toDouble() {
    return FixedPoint.toDouble(raw, scale);
  }

  /** This price as an exact decimal, for payloads. */
  public BigDecimal toBigDecimal() {
    return FixedPoint.toBigDecimal(raw, scale);
  }

  /** True when the price is strictly positive. */
  public boolean isPositive() {
    return raw > 0;
  }

  /** The nearest multiple of {@code tick} (same scale), half-even. */
  public Price roundTo(Price tick) {
    requireSameScale(tick);
    long steps = FixedPoint.divideRoundHalfEven(raw, tick.raw);
    return new Price(steps * tick.raw, scale);
  }

  @Override
  public int compareTo(Price other) {
    requireSameScale(other);
    return Long.compare(raw, other.raw);
  }

  private void requireSameScale(Price other) {
    if (other.scale != scale) {
      throw new IllegalArgumentException("scale mismatch: " + scale + " vs " + other.scale);
    }
  }

  @Override
  public String toString() {
    return toBigDecimal().toPlainString();
  }
}
