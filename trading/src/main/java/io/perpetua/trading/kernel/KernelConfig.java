package io.perpetua.trading.kernel;

import io.perpetua.core.Money;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.trading.account.CrossMargin;

/**
 * How a kernel run trades.
 *
 * @param accountId account id in the journal
 * @param initialCapital deposit of a new account
 * @param rebalanceCron when rebalances are considered (UTC)
 * @param rebalanceDays minimum calendar days between rebalances (0 = every time the cron fires)
 * @param publishState whether to publish account/signal state each step (paper/live: true)
 * @param maintenanceMarginRate cross-margin maintenance rate on gross notional; when equity falls
 *     below it every position is liquidated (0 = never)
 * @param leverage the account's leverage (every symbol): the published initial margin is notional /
 *     leverage ({@link CrossMargin}); it does not change what the strategy trades
 */
public record KernelConfig(
    String accountId,
    Money initialCapital,
    CronSchedule rebalanceCron,
    int rebalanceDays,
    boolean publishState,
    double maintenanceMarginRate,
    int leverage) {

  /** Binance's lowest-tier maintenance margin rate on USDT-M perpetuals: 0.4 %. */
  public static final double DEFAULT_MAINTENANCE_MARGIN_RATE = 0.004;

  /** Fully collateralised, as the kernel has always traded: leverage 1. */
  public static final int DEFAULT_LEVERAGE = 1;

  /** A config at leverage {@value #DEFAULT_LEVERAGE}. */
  public KernelConfig(
      String accountId,
      Money initialCapital,
      CronSchedule rebalanceCron,
      int rebalanceDays,
      boolean publishState,
      double maintenanceMarginRate) {
    this(
        accountId,
        initialCapital,
        rebalanceCron,
        rebalanceDays,
        publishState,
        maintenanceMarginRate,
        DEFAULT_LEVERAGE);
  }

  /** A config with the default maintenance margin rate. */
  public KernelConfig(
      String accountId,
      Money initialCapital,
      CronSchedule rebalanceCron,
      int rebalanceDays,
      boolean publishState) {
    this(
        accountId,
        initialCapital,
        rebalanceCron,
        rebalanceDays,
        publishState,
        DEFAULT_MAINTENANCE_MARGIN_RATE);
  }

  /** Validates the config. */
  public KernelConfig {
    if (initialCapital.signum() <= 0) {
      throw new IllegalArgumentException("initial capital must be positive");
    }
    if (rebalanceDays < 0) {
      throw new IllegalArgumentException("rebalance_days must be >= 0");
    }
    if (!(maintenanceMarginRate >= 0) || maintenanceMarginRate >= 1) {
      throw new IllegalArgumentException("maintenance margin rate must be in [0, 1)");
    }
    new CrossMargin(leverage); // validates the range
  }

  /** The margin model at this config's leverage. */
  public CrossMargin margin() {
    return new CrossMargin(leverage);
  }
}
