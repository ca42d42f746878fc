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

  /** A CONFLICT with {@code message}. */
  static LifecycleException conflict(String message) {
    return new LifecycleException(Kind.CONFLICT, message);
  }

  /** Requires a reason of 1..1000 characters (INVALID naming {@code reason}). */
  static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new LifecycleException(Kind.INVALID, "Missing required field 'reason'");
    }
    if (reason.length() > 1000) {
      throw new LifecycleException(Kind.INVALID, "Invalid field 'reason': at most 1000 characters");
    }
  }
}
