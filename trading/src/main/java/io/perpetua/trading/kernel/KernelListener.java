package io.perpetua.trading.kernel;

import io.perpetua.core.event.Event;
import io.perpetua.core.order.Order;

/**
 * Observes a kernel run (backtest recorders, event-bus publishers, tests). Called on the kernel
 * thread; implementations must be quick. Default methods ignore everything.
 */
public interface KernelListener {
  /** A kernel event (order submitted/rejected/filled, funding, rebalance, signal). */
  default void onEvent(Event event) {}

  /** An order left the kernel for the venue (after risk). */
  default void onOrderSent(Order order) {}

  /** Bar {@code t} was processed; {@code equity} is marked to its closes. */
  default void onStep(int t, long timeMs, double equity) {}

  /**
   * A due rebalance at {@code timeMs} was skipped: trading was halted by {@code reason} (a risk
   * rule such as {@code max_drawdown_halt}, or {@code liquidated} after a liquidation left
   * nothing).
   */
  default void onRebalanceSkipped(long timeMs, String reason) {}

  /**
   * The strategy decided at {@code timeMs} over a pool of {@code poolSize} members, {@code
   * withSignal} of which had a signal.
   */
  default void onDecision(long timeMs, int poolSize, int withSignal) {}

  /** Bar {@code t}'s step took {@code nanos} of wall time (metrics); after {@link #onStep}. */
  default void onStepLatency(int t, long nanos) {}
}
