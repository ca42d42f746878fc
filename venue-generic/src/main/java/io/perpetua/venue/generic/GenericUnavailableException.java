package io.perpetua.venue.generic;

/** The generic venue cannot be reached (its outage switch is on). */
public final class GenericUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An outage with {@code message}. */
  public GenericUnavailableException(String message) {
    super(message);
  }
}
