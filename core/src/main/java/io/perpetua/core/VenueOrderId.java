package io.perpetua.core;

/**
 * The id a venue assigned to an order.
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record VenueOrderId(String value) implements Comparable<VenueOrderId> {
  /** Validates the value. */
  public VenueOrderId {
    if (!IdText.isValid(value)) {
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
