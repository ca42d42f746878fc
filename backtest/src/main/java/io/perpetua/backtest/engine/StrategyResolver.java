package io.perpetua.backtest.engine;

import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import java.util.Map;

/**
 * Turns a strategy or template id plus parameter overrides into a runnable strategy with its pool
 * and schedule. The composition root implements it from configuration; unknown ids and invalid
 * parameters raise {@link IllegalArgumentException} naming them.
 */
public interface StrategyResolver {
  /**
   * A runnable strategy.
   *
   * @param strategy the strategy
   * @param pool its asset pool
   * @param cron when rebalances are considered
   * @param rebalanceDays minimum days between rebalances
   */
  record Resolved(
      CrossSectionalStrategy strategy,
      AssetPoolDefinition pool,
      CronSchedule cron,
      int rebalanceDays) {}

  /** Resolves {@code id} with {@code overrides} applied to its default parameters. */
  Resolved resolve(String id, Map<String, Object> overrides);
}
