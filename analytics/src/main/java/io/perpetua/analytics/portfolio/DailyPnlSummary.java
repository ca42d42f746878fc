package io.perpetua.analytics.portfolio;

/**
 * Summary of the daily PnL of a period. Immutable.
 *
 * @param days number of days with a PnL
 * @param totalPnl sum of the daily PnLs (= last NAV − the NAV before the first day), USDT; 0
 *     without days
 * @param avgDailyPnl {@code totalPnl / days}, USDT; {@code NaN} without days
 * @param bestDay the day with the highest PnL (the earliest on ties); null without days
 * @param worstDay the day with the lowest PnL (the earliest on ties); null without days
 * @param winRate days with PnL &gt; 0 / all days (a flat day counts as a non-win, like a break-even
 *     trade); {@code NaN} without days
 */
public record DailyPnlSummary(
    int days,
    double totalPnl,
    double avgDailyPnl,
    DayPnl bestDay,
    DayPnl worstDay,
    double winRate) {
  /**
   * Validates the day count and that best and worst days are present exactly when there are days.
   */
  public DailyPnlSummary {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative, was " + days);
    }
    if ((days == 0) != (bestDay == null) || (days == 0) != (worstDay == null)) {
      throw new IllegalArgumentException("best and worst day are present exactly when days > 0");
    }
  }
}
