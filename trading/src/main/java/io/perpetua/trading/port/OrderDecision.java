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
 * @param cause what decided an order no signal decided (null when signals decided it, or unknown)
 */
public record OrderDecision(
    String clientOrderId,
    long timeMs,
    List<SignalTrace> signals,
    List<RuleReading> checks,
    Cause cause) {
  /** Copies the lists. */
  public OrderDecision {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    signals = List.copyOf(signals);
    checks = List.copyOf(checks);
  }

  /** A decision without a recorded cause. */
  public OrderDecision(
      String clientOrderId, long timeMs, List<SignalTrace> signals, List<RuleReading> checks) {
    this(clientOrderId, timeMs, signals, checks, null);
  }

  /**
   * What decided an order without a signal.
   *
   * @param kind {@code risk_rule} (a forced close: the breaker or rule in {@code source}), {@code
   *     parent_order} (an execution algorithm's child order: the parent's key in {@code source}) or
   *     {@code rebalance} (a rebalance's order for a symbol no signal held: its id in {@code
   *     source})
   * @param source the rule, the parent order or the rebalance
   * @param detail more context: the forced close's rebalance id, the child's leg, the trigger
   */
  public record Cause(String kind, String source, String detail) {
    /** Validates. */
    public Cause {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(source, "source");
    }
  }
}
