package io.perpetua.core;

/**
 * Our id of an order, sent to the venue as {@code newClientOrderId}; see {@link ClientOrderIds}.
 *
 * <p>Immutable; the value is 1–64 characters of letters, digits, {@code _ - . :}.
 *
 * @param value the identifier text
 */
public record ClientOrderId(String value) implements Comparable<ClientOrderId> {
  /** Validates the value. */
  public ClientOrderId {
    if (!IdText.isValid(value)) {
      throw new IllegalArgumentException("invalid client order id '" + value + "'");
    }
  }

  /** Wraps a string. */
  public static ClientOrderId of(String value) {
    return new ClientOrderId(value);
  }

  @Override
  public int compareTo(ClientOrderId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
