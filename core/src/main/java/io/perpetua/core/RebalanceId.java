package io.perpetua.core;

import java.util.regex.Pattern;

/**
 * Identifies one rebalance (one decision of a strategy), e.g. {@code rb-20260302-001}.
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record RebalanceId(String value) implements Comparable<RebalanceId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Validates the value. */
  public RebalanceId {
    if (value == null || !VALID.matcher(value).matches()) {
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
