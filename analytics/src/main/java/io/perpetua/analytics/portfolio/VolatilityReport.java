package io.perpetua.analytics.portfolio;

import java.util.List;

/**
 * Portfolio-level risk of a period ({@code GET /api/v1/portfolio/volatility?level=portfolio}).
 * Every ratio is computed from the period's daily returns with the conventions of {@link
 * io.perpetua.analytics.metrics.ReturnStatistics}. Immutable; {@code NaN} marks an undefined value.
 *
 * @param returns number of daily returns in the period (at most the requested period)
 * @param dailyVolatility sample standard deviation of the daily returns; {@code NaN} when {@code
 *     returns < 2}
 * @param annualizedVolatility {@code dailyVolatility × √periodsPerYear}
 * @param sharpe {@code mean / std × √periodsPerYear}, risk-free 0
 * @param sortino {@code mean / downside deviation × √periodsPerYear}, target 0
 * @param calmar CAGR of the period / |maximum drawdown of the period's daily NAV|
 * @param rolling annualised volatility of the trailing window ending on each day of the period,
 *     from the first day whose window is full (an unmodifiable copy)
 */
public record VolatilityReport(
    int returns,
    double dailyVolatility,
    double annualizedVolatility,
    double sharpe,
    double sortino,
    double calmar,
    List<RollingVolatility> rolling) {
  /** Copies the rolling series. */
  public VolatilityReport {
    if (returns < 0) {
      throw new IllegalArgumentException("returns must not be negative, was " + returns);
    }
    rolling = List.copyOf(rolling);
  }
}
