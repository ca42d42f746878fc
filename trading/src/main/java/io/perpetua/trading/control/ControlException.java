package io.perpetua.trading.control;

import java.util.Objects;

/**
 * A control-plane request that cannot be done; nothing was changed. The message names the field.
 */
public final class ControlException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ControlError error;

  /** The failure {@code error} with {@code message}. */
  public ControlException(ControlError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** Its 001 error. */
  public ControlError error() {
    return error;
  }
}
