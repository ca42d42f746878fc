package io.perpetua.analytics.metrics;

import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.TradeRecord;
import java.util.List;

/**
 * Computes a run's {@link Metrics} from its equity curve, closed trades and per-rebalance turnover.
 * Pure and stateless (thread-safe); undefined values are {@code NaN}, never exceptions.
 *
 * <ul>
 *   <li>Return metrics (volatility, Sharpe, Sortino, CAGR) use the curve resampled to one point per
 *       period (the last equity of each UTC day by default, see {@link Resampling}) and are
 *       annualised with {@code periodsPerYear} (365 for crypto).
 *   <li>Total return, maximum drawdown (with its peak and trough times) and therefore Calmar use
 *       every point of the curve (bar resolution), so they see intraday troughs.
 *   <li>Trade metrics come from {@link TradeStatistics}; average turnover is the mean of the
 *       turnover values (traded notional / equity per rebalance).
 * </ul>
 *
 * <p>Definitions, formulas and edge cases: {@code docs/metrics.md}.
 */
public final class MetricsCalculator {
  /** Periods per year of daily crypto returns (markets trade every day). */
  public static final int CRYPTO_PERIODS_PER_YEAR = 365;

  private MetricsCalculator() {}

  /** {@link #compute(EquityCurve, List, double[], int, long)} with daily (UTC) periods. */
  public static Metrics compute(
      EquityCurve equity, List<TradeRecord> trades, double[] turnover, int periodsPerYear) {
    return compute(equity, trades, turnover, periodsPerYear, Resampling.DAY_MS);
  }

  /**
   * The metrics of a run.
   *
   * @param equity equity at every mark, first point = the starting equity
   * @param trades closed round trips
   * @param turnover traded notional / equity of each rebalance (may be empty)
   * @param periodsPerYear periods of length {@code periodMs} in a year, e.g. 365 for days
   * @param periodMs period the curve is resampled to before computing returns
   * @throws IllegalArgumentException if {@code periodsPerYear < 1} or {@code periodMs < 1}
   */
  public static Metrics compute(
      EquityCurve equity,
      List<TradeRecord> trades,
      double[] turnover,
      int periodsPerYear,
      long periodMs) {
    ReturnStatistics.checkPeriods(periodsPerYear);
    EquityCurve sampled = Resampling.lastPerClosingPeriod(equity, periodMs);
    double[] returns = Resampling.simpleReturns(sampled.equity());
    double[] values = equity.equity();
    int n = values.length;
    double totalReturn = n >= 2 && values[0] > 0 ? values[n - 1] / values[0] - 1 : Double.NaN;
    double cagr = ReturnStatistics.cagr(totalReturn + 1, returns.length, periodsPerYear);
    MaxDrawdown dd = Drawdowns.max(values);
    long[] times = equity.timesMs();
    TradeStatistics ts = TradeStatistics.of(trades);
    return new Metrics(
        totalReturn,
        cagr,
        ReturnStatistics.volatility(returns, periodsPerYear),
        ReturnStatistics.sharpe(returns, periodsPerYear),
        ReturnStatistics.sortino(returns, periodsPerYear),
        ReturnStatistics.calmar(cagr, dd.depth()),
        dd.depth(),
        n == 0 ? 0 : times[dd.peakIndex()],
        n == 0 ? 0 : times[dd.troughIndex()],
        ts.winRate(),
        ts.profitFactor(),
        ts.expectedValue(),
        ts.count(),
        ts.avgDurationSeconds(),
        ReturnStatistics.mean(turnover));
  }

  /**
   * The drawdown at every point of the curve, {@code equity[t] / peak[t] − 1} (see {@link
   * Drawdowns#series}), aligned with {@code equity.timesMs()}.
   */
  public static double[] drawdownSeries(EquityCurve equity) {
    return Drawdowns.series(equity.equity());
  }
}
