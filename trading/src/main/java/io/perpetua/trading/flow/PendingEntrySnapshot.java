package io.perpetua.trading.flow;

import io.perpetua.signals.flow.FlowEvaluation;

/**
 * A resting post-only entry of the maker-fill simulation (spec §4.1).
 *
 * <p>Immutable.
 *
 * @param id the position id it will open
 * @param evaluation the signal
 * @param limitPrice the post-only limit price
 * @param targetQuantity the quantity wanted
 * @param filledQuantity the quantity filled so far (maker)
 * @param filledNotional the notional filled so far
 * @param deadlineMs when the entry times out
 * @param flipped whether a flip placed it
 */
public record PendingEntrySnapshot(
    String id,
    FlowEvaluation evaluation,
    double limitPrice,
    double targetQuantity,
    double filledQuantity,
    double filledNotional,
    long deadlineMs,
    boolean flipped) {
  /** Validates the fields. */
  public PendingEntrySnapshot {
    if (id == null || evaluation == null || !(limitPrice > 0) || !(targetQuantity > 0)) {
      throw new IllegalArgumentException("a pending entry needs an id, a signal, price and size");
    }
  }

  /** Key of the strategy and symbol. */
  public StrategyKey key() {
    return new StrategyKey(evaluation.strategyId(), evaluation.instrument());
  }
}
