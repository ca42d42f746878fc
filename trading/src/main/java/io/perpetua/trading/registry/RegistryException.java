package io.perpetua.trading.registry;

/**
 * A registry request that cannot be carried out; nothing changed. The message names the strategy or
 * the field and goes to the client as is.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** No such strategy (or change request). */
    NOT_FOUND,
    /** A field is missing or has a value that is not accepted. */
    INVALID,
    /** The request contradicts the current state (e.g. a second active strategy in single mode). */
    CONFLICT
  }

  private final Kind kind;

  /** An exception of {@code kind}. */
  public RegistryException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
