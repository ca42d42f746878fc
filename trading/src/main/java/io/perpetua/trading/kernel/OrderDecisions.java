package io.perpetua.trading.kernel;

import io.perpetua.core.order.Order;
import io.perpetua.trading.port.OrderDecision;
import io.perpetua.trading.port.SignalTrace;
import io.perpetua.trading.risk.PreTradeGuard;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The decisions of the orders the execution service checked since the last checkpoint: the signals
 * behind each order's symbol (set by the kernel around a rebalance it decided; none for orders no
 * signal decided) and each risk rule's reading. Not thread-safe (kernel thread).
 */
final class OrderDecisions {
  private final List<OrderDecision> pending = new ArrayList<>();
  private IntFunction<List<SignalTrace>> signals = i -> List.of();
  private OrderDecision.Cause cause;

  /** Sets the signals per instrument index for the next orders. */
  void signals(IntFunction<List<SignalTrace>> value) {
    this.signals = value;
  }

  /** Sets what decides the next orders that no signal decided (null: unknown). */
  void cause(OrderDecision.Cause value) {
    this.cause = value;
  }

  /** Records {@code order}'s decision (instrument {@code i}); returns the check's rejection. */
  Optional<PreTradeGuard.Rejection> record(
      Order order, int i, RiskEngine.Checked checked, long now) {
    List<SignalTrace> behind = signals.apply(i);
    pending.add(
        new OrderDecision(
            order.clientOrderId().value(),
            now,
            behind,
            checked.readings(),
            behind.isEmpty() ? cause : null));
    return checked.rejection();
  }

  /** Takes the decisions recorded since the last call. */
  List<OrderDecision> drain() {
    List<OrderDecision> out = List.copyOf(pending);
    pending.clear();
    return out;
  }
}
