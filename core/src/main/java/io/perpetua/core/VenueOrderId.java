package io.perpetua.core;

import java.util.regex.Pattern;

/**
 * The id a venue assigned to an order.
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record VenueOrderId(String value) implements Comparable<VenueOrderId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Validates the value. */
  public VenueOrderId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid venue order id '" + value + "'");
    }
  }

  /** Wraps a string. */
  public static VenueOrderId of(String value) {
    return new VenueOrderId(value);
  }

  @Override
  public int compareTo(VenueOrderId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
