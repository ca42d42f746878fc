package io.perpetua.analytics.metrics;

/**
 * Metrics of a bare periodic return series (no times, no trades), e.g. a CSV of daily returns: the
 * same definitions as {@link MetricsCalculator} with the wealth compounded from the returns
 * (starting at 1 before the first return). Immutable; {@code NaN} marks an undefined value.
 *
 * @param totalReturn {@code Π(1 + r) − 1}
 * @param cagr {@code (1 + totalReturn)^(periodsPerYear / periods) − 1}
 * @param volatility {@code std × √periodsPerYear} (sample std, n−1)
 * @param sharpe {@code mean / std × √periodsPerYear}, risk-free 0
 * @param sortino {@code mean / downside deviation × √periodsPerYear}, target 0, over all n
 * @param calmar {@code cagr / |maxDrawdown|}
 * @param maxDrawdown worst decline of the compounded wealth, a negative fraction or 0
 * @param maxDrawdownPeak wealth index of the peak (0 = the start, k = after the k-th return)
 * @param maxDrawdownTrough wealth index of the trough
 * @param periods number of returns
 * @param periodsPerYear annualisation factor used
 */
public record ReturnsMetrics(
    double totalReturn,
    double cagr,
    double volatility,
    double sharpe,
    double sortino,
    double calmar,
    double maxDrawdown,
    int maxDrawdownPeak,
    int maxDrawdownTrough,
    int periods,
    int periodsPerYear) {

  /**
   * Computes every metric of {@code returns} (simple returns, one per period, e.g. 0.01 for +1 %),
   * annualised with {@code periodsPerYear} (365 for daily crypto returns, 252 for daily equity
   * returns, 8760 for hourly crypto). Every value is {@code NaN} for an empty series; a non-finite
   * return makes the affected metrics {@code NaN}.
   *
   * @throws IllegalArgumentException if {@code periodsPerYear < 1}
   */
  public static ReturnsMetrics fromReturns(double[] returns, int periodsPerYear) {
    ReturnStatistics.checkPeriods(periodsPerYear);
    int n = returns.length;
    double growth = n == 0 ? Double.NaN : 1;
    for (double r : returns) {
      growth *= 1 + r;
    }
    double cagr = ReturnStatistics.cagr(growth, n, periodsPerYear);
    MaxDrawdown dd = Drawdowns.ofReturns(returns);
    return new ReturnsMetrics(
        growth - 1,
        cagr,
        ReturnStatistics.volatility(returns, periodsPerYear),
        ReturnStatistics.sharpe(returns, periodsPerYear),
        ReturnStatistics.sortino(returns, periodsPerYear),
        ReturnStatistics.calmar(cagr, dd.depth()),
        dd.depth(),
        dd.peakIndex(),
        dd.troughIndex(),
        n,
        periodsPerYear);
  }
}
