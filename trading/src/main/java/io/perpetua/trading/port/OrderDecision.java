package io.perpetua.trading.port;

import io.perpetua.trading.risk.RuleReading;
import java.util.List;
import java.util.Objects;

/**
 * Why the kernel decided an order, journaled with it (the audit log's {@code order.decided} entry,
 * in the checkpoint's transaction): the signal and features behind it and what each risk rule read
 * when it checked the order (value, threshold, passed). Immutable.
 *
 * @param clientOrderId the order's client order id
 * @param timeMs kernel time of the check
 * @param signals the signal of each strategy that decided the symbol (empty for orders no signal
 *     decided, e.g. an execution algorithm's or a forced close)
 * @param checks the rules that ran, in order; the last one rejected the order when it was rejected
 */
public record OrderDecision(
    String clientOrderId, long timeMs, List<SignalTrace> signals, List<RuleReading> checks) {
  /** Copies the lists. */
  public OrderDecision {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    signals = List.copyOf(signals);
    checks = List.copyOf(checks);
  }
}
