package io.perpetua.core;

/**
 * Identifies a strategy, e.g. {@code baseline_rev}.
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record StrategyId(String value) implements Comparable<StrategyId> {
  /** Validates the value. */
  public StrategyId {
    if (!IdText.isValid(value)) {
      throw new IllegalArgumentException("invalid strategy id '" + value + "'");
    }
  }

  /** Wraps a string. */
  public static StrategyId of(String value) {
    return new StrategyId(value);
  }

  @Override
  public int compareTo(StrategyId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
