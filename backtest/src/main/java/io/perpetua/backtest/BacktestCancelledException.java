package io.perpetua.backtest;

/** A backtest stopped because it was cancelled. */
public final class BacktestCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message. */
  public BacktestCancelledException(String message) {
    super(message);
  }
}
