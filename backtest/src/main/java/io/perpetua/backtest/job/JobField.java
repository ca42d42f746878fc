package io.perpetua.backtest.job;

/**
 * The field of a {@link io.perpetua.jobs.BacktestRequest} an {@link InvalidJobException} refers to.
 * Each HTTP API maps it to its own wire name (e.g. {@link #STRATEGY} is {@code strategy_name} in
 * {@code /api/v1} and {@code template_id} in the job API).
 */
public enum JobField {
  /** The strategy or template id. */
  STRATEGY,
  /** A parameter override. */
  PARAMETERS,
  /** The symbols. */
  SYMBOLS,
  /** The bar timeframe. */
  TIMEFRAME,
  /** {@code kline} or {@code dollar_bar}. */
  DATA_SOURCE,
  /** The first instant. */
  START,
  /** The last instant. */
  END,
  /** Initial capital. */
  CAPITAL,
  /** Maximum leverage. */
  LEVERAGE,
  /** Fees. */
  FEE_BPS,
  /** Slippage and impact. */
  SLIPPAGE,
  /** Rebalance period. */
  REBALANCE_DAYS,
  /** Annualisation. */
  PERIODS_PER_YEAR
}
