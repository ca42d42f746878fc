package io.perpetua.trading.kernel;

import io.perpetua.core.Money;
import io.perpetua.signals.schedule.CronSchedule;

/**
 * How a kernel run trades.
 *
 * @param accountId account id in the journal
 * @param initialCapital deposit of a new account
 * @param rebalanceCron when rebalances are considered (UTC)
 * @param rebalanceDays minimum days between rebalances (1 = every time the cron fires)
 * @param publishState whether to publish account/signal state each step (paper/live: true)
 */
public record KernelConfig(
    String accountId,
    Money initialCapital,
    CronSchedule rebalanceCron,
    int rebalanceDays,
    boolean publishState) {
  /** Validates the config. */
  public KernelConfig {
    if (initialCapital.signum() <= 0) {
      throw new IllegalArgumentException("initial capital must be positive");
    }
    if (rebalanceDays < 1) {
      throw new IllegalArgumentException("rebalance_days must be >= 1");
    }
  }
}
