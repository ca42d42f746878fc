package io.perpetua.backtest.job;

/**
 * A job was refused because its owner already has the maximum number of active (queued or running)
 * jobs; no job was created. Retry once one finishes or is cancelled.
 */
public final class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a client-facing message. */
  public RateLimitedException(String message) {
    super(message);
  }
}
