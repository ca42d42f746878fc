package io.perpetua.core.event;

import io.perpetua.core.Money;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;

/**
 * A rebalance finished: its orders were submitted and settled.
 *
 * @param eventTimeMs when it finished
 * @param rebalanceId the rebalance
 * @param strategy the strategy
 * @param trigger what started it ({@code cron}, {@code manual}, {@code startup})
 * @param ordersTotal orders created
 * @param ordersFilled orders filled
 * @param ordersFailed orders rejected or failed
 * @param turnover traded notional / equity
 * @param feeTotal fees paid
 * @param longSymbols long positions after
 * @param shortSymbols short positions after
 * @param executionTimeMs wall-clock milliseconds from its start to its completion (its last fill or
 *     rejection), measured by the process that ran it; not kernel time, which on a replay jumps a
 *     whole bar between the decision and the fill
 * @param startedAtMs when it started (kernel time, like {@code eventTimeMs})
 * @param dryRun true when its orders went to a simulated venue (backtest, paper), not a real one
 */
public record RebalanceCompleted(
    long eventTimeMs,
    RebalanceId rebalanceId,
    StrategyId strategy,
    String trigger,
    int ordersTotal,
    int ordersFilled,
    int ordersFailed,
    double turnover,
    Money feeTotal,
    int longSymbols,
    int shortSymbols,
    long executionTimeMs,
    long startedAtMs,
    boolean dryRun)
    implements Event {
  /** Validates. */
  public RebalanceCompleted {
    if (executionTimeMs < 0) {
      throw new IllegalArgumentException(
          "executionTimeMs must not be negative: " + executionTimeMs);
    }
    if (startedAtMs > eventTimeMs) {
      throw new IllegalArgumentException("a rebalance cannot start after it completes");
    }
  }

  @Override
  public String type() {
    return "rebalance.completed";
  }
}
