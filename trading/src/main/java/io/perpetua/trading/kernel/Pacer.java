package io.perpetua.trading.kernel;

/**
 * Paces a replay against the wall clock (paper trading on an accelerated clock) and carries the
 * stop request. A backtest uses {@link #unpaced()}.
 */
public interface Pacer {
  /** Waits until event time {@code eventTimeMs} is due; returns false when the run should stop. */
  boolean awaitEventTime(long eventTimeMs);

  /** Never waits, never stops. */
  static Pacer unpaced() {
    return t -> true;
  }
}
