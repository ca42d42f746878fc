package io.perpetua.trading.risk;

/**
 * The circuit breakers (orderflow spec §6), all configurable; {@code 0} turns one off. Each trigger
 * raises an alert and records a risk event.
 *
 * @param dailyLossPct halt new risk for the rest of the UTC day when equity falls this fraction
 *     below the day's opening equity (e.g. 0.05)
 * @param dailyLossR the same limit in R: halt when the day's loss reaches {@code dailyLossR ×
 *     riskUnit} USDT
 * @param riskUnit one R in USDT (the risk per trade), used by {@code dailyLossR} and by {@code
 *     minBalanceR}
 * @param closeOnDailyLoss also close every position when the daily loss breaker trips
 * @param consecutiveLosses this many losing closed trades in a row pause new risk
 * @param pauseMinutes how long that pause lasts
 * @param venueUnreachableMs no new orders once the venue has been unreachable this long
 * @param marketDataStaleMs block orders on a symbol whose last price is older than this; {@code 0}
 *     means twice the bar interval
 * @param minBalanceR reject new risk while equity is below {@code minBalanceR × riskUnit}
 * @param holdingWarnMinutes warn about positions held longer than this
 * @param holdingCloseMinutes force-close positions held longer than this
 */
public record CircuitBreakers(
    double dailyLossPct,
    double dailyLossR,
    double riskUnit,
    boolean closeOnDailyLoss,
    int consecutiveLosses,
    int pauseMinutes,
    long venueUnreachableMs,
    long marketDataStaleMs,
    double minBalanceR,
    int holdingWarnMinutes,
    int holdingCloseMinutes) {

  /** Validates. */
  public CircuitBreakers {
    check("daily_loss_pct", dailyLossPct >= 0 && dailyLossPct < 1, dailyLossPct);
    check("daily_loss_r", dailyLossR >= 0, dailyLossR);
    check("risk_unit", riskUnit >= 0, riskUnit);
    check("daily_loss_r needs risk_unit", dailyLossR == 0 || riskUnit > 0, riskUnit);
    check("min_balance_r needs risk_unit", minBalanceR == 0 || riskUnit > 0, riskUnit);
    check("consecutive_losses", consecutiveLosses >= 0, consecutiveLosses);
    check("pause_minutes", pauseMinutes >= 0, pauseMinutes);
    check("pause_minutes with consecutive_losses", consecutiveLosses == 0 || pauseMinutes > 0, 0);
    check("venue_unreachable_ms", venueUnreachableMs >= 0, venueUnreachableMs);
    check("market_data_stale_ms", marketDataStaleMs >= 0, marketDataStaleMs);
    check("min_balance_r", minBalanceR >= 0, minBalanceR);
    check("holding_warn_minutes", holdingWarnMinutes >= 0, holdingWarnMinutes);
    check("holding_close_minutes", holdingCloseMinutes >= 0, holdingCloseMinutes);
    check(
        "holding_close_minutes must exceed holding_warn_minutes",
        holdingCloseMinutes == 0
            || holdingWarnMinutes == 0
            || holdingCloseMinutes > holdingWarnMinutes,
        holdingCloseMinutes);
  }

  /**
   * Defaults for a daily-rebalanced portfolio: 10 % daily loss halt (no forced close), 5 losing
   * closes in a row pause 60 minutes, venue unreachable 30 s, stale data at twice the bar interval,
   * no R-based limits and no holding-time limits (baseline_rev holds for days).
   */
  public static CircuitBreakers defaults() {
    return new CircuitBreakers(0.10, 0, 0, false, 5, 60, 30_000, 0, 0, 0, 0);
  }

  /** Every breaker off. */
  public static CircuitBreakers off() {
    return new CircuitBreakers(0, 0, 0, false, 0, 0, 0, Long.MAX_VALUE, 0, 0, 0);
  }

  private static void check(String what, boolean ok, double value) {
    if (!ok) {
      throw new IllegalArgumentException("invalid circuit breaker " + what + ": " + value);
    }
  }
}
