package io.perpetua.spark;

/** A trial threw; the message names the trial's index in the input list when it is known. */
public final class TrialFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public TrialFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
