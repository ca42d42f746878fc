package io.perpetua.core;

/**
 * Identifies one rebalance (one decision of a strategy), e.g. {@code rb-20260302-001}.
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record RebalanceId(String value) implements Comparable<RebalanceId> {
  /** Validates the value. */
  public RebalanceId {
    if (!IdText.isValid(value)) {
      throw new IllegalArgumentException("invalid rebalance id '" + value + "'");
    }
  }

  /** Wraps a string. */
  public static RebalanceId of(String value) {
    return new RebalanceId(value);
  }

  @Override
  public int compareTo(RebalanceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
