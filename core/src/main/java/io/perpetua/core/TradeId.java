package io.perpetua.core;

import java.util.regex.Pattern;

/**
 * Identifies one fill (venue trade id).
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record TradeId(String value) implements Comparable<TradeId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Validates the value. */
  public TradeId {
    if (value == null || !VALID.matcher(value).matches()) {
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
