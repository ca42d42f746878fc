package io.perpetua.core;

import java.math.BigDecimal;

/**
 * A signed contract quantity as a fixed-point value: {@code raw / 10^scale}; the scale is the
 * instrument's quantity precision (decimals of its step size). Negative values denote short
 * positions where a signed quantity is meaningful.
 *
 * <p>Immutable and thread-safe. Arithmetic requires equal scales.
 *
 * @param raw the scaled integer value
 * @param scale the number of decimal places
 */
public record Quantity(long raw, int scale) implements Comparable<Quantity> {

  /** Validates the scale. */
  public Quantity {
    FixedPoint.checkScale(scale);
  }

  /** Zero at the given scale. */
  public static Quantity zero(int scale) {
    return new Quantity(0, scale);
  }

  /** Parses an exact decimal string at the given scale. */
  public static Quantity parse(String text, int scale) {
    return new Quantity(FixedPoint.rawOf(text, scale), scale);
  }

  /** Rounds a double to the nearest representable quantity at the scale. */
  public static Quantity of(double value, int scale) {
    return new Quantity(FixedPoint.rawOf(value, scale), scale);
  }

  /** Converts an exact decimal at the given scale. */
  public static Quantity of(BigDecimal value, int scale) {
    return new Quantity(FixedPoint.rawOf(value, scale), scale);
  }

  /** The sum. */
  public Quantity plus(Quantity other) {
    requireSameScale(other);
    return new Quantity(Math.addExact(raw, other.raw), scale);
  }

  /** The difference. */
  public Quantity minus(Quantity other) {
    requireSameScale(other);
    return new Quantity(Math.subtractExact(raw, other.raw), scale);
  }

  /** The negation. */
  public Quantity negate() {
    return new Quantity(Math.negateExact(raw), scale);
  }

  /** The absolute value. */
  public Quantity abs() {
    return raw < 0 ? negate() : this;
  }

  /** True when zero. */
  public boolean isZero() {
    return raw == 0;
  }

  /** The sign: -1, 0 or 1. */
  public int signum() {
    return Long.signum(raw);
  }

  /**
   * Rounds toward zero to a multiple of {@code step} (same scale): never trades more than asked.
   */
  public Quantity roundDownTo(Quantity step) {
    requireSameScale(step);
    return new Quantity((raw / step.raw) * step.raw, scale);
  }

  /** This quantity as a double, for analytics. */
  public double toDouble() {
    return FixedPoint.toDouble(raw, scale);
  }

  /** This quantity as an exact decimal. */
  public BigDecimal toBigDecimal() {
    return FixedPoint.toBigDecimal(raw, scale);
  }

  @Override
  public int compareTo(Quantity other) {
    requireSameScale(other);
    return Long.compare(raw, other.raw);
  }

  private void requireSameScale(Quantity other) {
    if (other.scale != scale) {
      throw new IllegalArgumentException("scale mismatch: " + scale + " vs " + other.scale);
    }
  }

  @Override
  public String toString() {
    return toBigDecimal().toPlainString();
  }
}
