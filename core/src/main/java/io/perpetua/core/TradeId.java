package io.perpetua.core;

/**
 * Identifies one fill (venue trade id).
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record TradeId(String value) implements Comparable<TradeId> {
  /** Validates the value. */
  public TradeId {
    if (!IdText.isValid(value)) {
      throw new IllegalArgumentException("invalid trade id '" + value + "'");
    }
  }

  /** Wraps a string. */
  public static TradeId of(String value) {
    return new TradeId(value);
  }

  @Override
  public int compareTo(TradeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
