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
 * @param executionTimeMs wall time taken
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
    long executionTimeMs)
    implements Event {
  @Override
  public String type() {
    return "rebalance.completed";
  }
}
