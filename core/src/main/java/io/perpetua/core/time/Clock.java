package io.perpetua.core.time;

/**
 * The kernel's notion of now, in epoch milliseconds UTC. Injected so the same code runs on a replay
 * clock (backtest, accelerated paper) and on the wall clock (live).
 */
public interface Clock {
  /** Now, epoch milliseconds. */
  long nowMillis();

  /** The wall clock. */
  static Clock system() {
    return System::currentTimeMillis;
  }
}
