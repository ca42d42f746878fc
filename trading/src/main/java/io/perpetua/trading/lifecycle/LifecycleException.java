package io.perpetua.trading.lifecycle;

/**
 * A lifecycle request that cannot be carried out; nothing changed. The message names the field or
 * the state that refused it and goes to the client as is.
 */
public final class LifecycleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** No such strategy. */
    STRATEGY_NOT_FOUND,
    /** No such version (of this strategy). */
    VERSION_NOT_FOUND,
    /** A field is missing or has a value that is not accepted. */
    INVALID,
    /** The request contradicts the current state (a candidate exists, wrong stage order...). */
    CONFLICT
  }

  private final Kind kind;

  /** An exception of {@code kind}. */
  public LifecycleException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
