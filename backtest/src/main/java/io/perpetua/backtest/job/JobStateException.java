package io.perpetua.backtest.job;

/**
 * An action that the job's current status does not allow, e.g. cancelling a job that is already
 * done. The message is client-facing.
 */
public final class JobStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** With a client-facing message. */
  public JobStateException(String message) {
    super(message);
  }
}
