package io.perpetua.backtest.analytics;

import io.perpetua.backtest.metrics.Drawdowns;
import io.perpetua.backtest.metrics.MaxDrawdown;
import io.perpetua.jobs.EquityCurve;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calculations behind the {@code /api/v1/portfolio} endpoints, over NAV snapshots (epoch-ms UTC
 * times, strictly increasing) and portfolio weights. Pure functions: stateless and thread-safe, no
 * I/O. Malformed input (unsorted times, mismatched lengths, non-finite weights) is rejected with an
 * {@link IllegalArgumentException} naming the problem; a value that is merely undefined for the
 * data (too few points, a zero denominator) is {@code NaN} or null, never an exception.
 *
 * <p>Conventions are those of {@code io.perpetua.backtest.metrics}: simple returns, sample standard
 * deviation (n − 1), risk-free rate 0, drawdown as a negative fraction of the running peak, UTC
 * days. Definitions and edge cases: {@code docs/metrics.md}, "Portfolio analytics".
 */
public final class PortfolioAnalytics {
  /**
   * The fewest daily returns from which the API reports annualised ratios (Sharpe, Sortino,
   * Calmar): below a month of days they are dominated by noise and by the annualisation of a few
   * days (a 3-day Calmar of 147), so they are undefined ({@code NaN}, rendered null).
   */
  public static final int MIN_RATIO_RETURNS = 30;

  private PortfolioAnalytics() {}

  /**
   * The NAV curve with its first and last value and the total return {@code current / initial − 1}.
   *
   * @throws IllegalArgumentException if the times are not strictly increasing
   */
  public static NavReport nav(List<NavPoint> points) {
    NavSeries.check(points);
    if (points.isEmpty()) {
      return new NavReport(Double.NaN, Double.NaN, Double.NaN, points);
    }
    double initial = points.getFirst().nav();
    double current = points.getLast().nav();
    double totalReturn = initial > 0 ? current / initial - 1 : Double.NaN;
    return new NavReport(initial, current, totalReturn, points);
  }

  /**
   * The PnL of each UTC day: the day's close is its last snapshot; {@code pnl = close_d −
   * close_(d−1)}, {@code pnlPct = pnl / close_(d−1)}. Days without a snapshot are absent (the next
   * day's PnL spans them). The first day is measured against {@code navBeforeFirstDay} (the last
   * NAV before the period, e.g. the previous day's close); when that is {@code NaN} the first day
   * only serves as the base and gets no entry.
   *
   * @throws IllegalArgumentException if the times are not strictly increasing or {@code
   *     navBeforeFirstDay} is infinite
   */
  public static DailyPnlReport dailyPnl(List<NavPoint> points, double navBeforeFirstDay) {
    if (Double.isInfinite(navBeforeFirstDay)) {
      throw new IllegalArgumentException("navBeforeFirstDay must be finite or NaN");
    }
    EquityCurve closes = NavSeries.dailyCloses(NavSeries.curve(points));
    long[] times = closes.timesMs();
    double[] nav = closes.equity();
    List<DailyPnl> days = new ArrayList<>(nav.length);
    double previous = navBeforeFirstDay;
    for (int d = 0; d < nav.length; d++) {
      if (!Double.isNaN(previous)) {
        double pnl = nav[d] - previous;
        double pct = previous > 0 ? pnl / previous : Double.NaN;
        days.add(new DailyPnl(NavSeries.date(times[d]), nav[d], pnl, pct));
      }
      previous = nav[d];
    }
    return new DailyPnlReport(days, summarise(days));
  }

  private static DailyPnlSummary summarise(List<DailyPnl> days) {
    int n = days.size();
    if (n == 0) {
      return new DailyPnlSummary(0, 0, Double.NaN, null, null, Double.NaN);
    }
    double total = 0;
    int wins = 0;
    DailyPnl best = days.getFirst();
    DailyPnl worst = best;
    for (DailyPnl day : days) {
      total += day.pnl();
      if (day.pnl() > 0) {
        wins++;
      }
      if (day.pnl() > best.pnl()) {
        best = day;
      }
      if (day.pnl() < worst.pnl()) {
        worst = day;
      }
    }
    return new DailyPnlSummary(
        n,
        total,
        total / n,
        new DayPnl(best.date(), best.pnl()),
        new DayPnl(worst.date(), worst.pnl()),
        (double) wins / n);
  }

  /**
   * The drawdown at every snapshot ({@link Drawdowns#series}), the current and the maximum drawdown
   * ({@link Drawdowns#max}), the trough's UTC day and the recovery time: UTC calendar days from the
   * trough's day to the day of the first later snapshot whose NAV is at least the peak before the
   * trough (null while not recovered, and when there is no drawdown).
   *
   * @throws IllegalArgumentException if the times are not strictly increasing
   */
  public static DrawdownReport drawdown(List<NavPoint> points) {
    EquityCurve curve = NavSeries.curve(points);
    long[] times = curve.timesMs();
    double[] nav = curve.equity();
    double[] dd = Drawdowns.series(nav);
    List<DrawdownPoint> drawdownCurve = new ArrayList<>(dd.length);
    for (int t = 0; t < dd.length; t++) {
      drawdownCurve.add(new DrawdownPoint(times[t], dd[t]));
    }
    double current = dd.length == 0 ? Double.NaN : dd[dd.length - 1];
    MaxDrawdown max = Drawdowns.max(nav);
    if (!(max.depth() < 0)) {
      return new DrawdownReport(drawdownCurve, current, max.depth(), null, null);
    }
    LocalDate troughDate = NavSeries.date(times[max.troughIndex()]);
    Long recoveryDays = null;
    double peak = nav[max.peakIndex()];
    for (int t = max.troughIndex() + 1; t < nav.length; t++) {
      if (nav[t] >= peak) {
        recoveryDays = ChronoUnit.DAYS.between(troughDate, NavSeries.date(times[t]));
        break;
      }
    }
    return new DrawdownReport(drawdownCurve, current, max.depth(), troughDate, recoveryDays);
  }

  /**
   * Portfolio volatility and risk-adjusted returns over the last {@code periodDays} daily returns,
   * with a rolling annualised volatility. The NAV is resampled as the backtest metrics do (the
   * first snapshot as base, then the last snapshot of each UTC day), giving daily returns r_1..r_n;
   * the period is the last m = min(periodDays, n) of them (m is reported, so a caller can tell a
   * short history). Volatility, Sharpe and Sortino are those of {@code ReturnStatistics}; Calmar is
   * the period's CAGR over the maximum drawdown of the daily NAV from the period's base to its end.
   * With m &lt; 2 the volatility and Sharpe are {@code NaN} (with m = 0 everything is). The rolling
   * value of day k is the annualised volatility of the {@code rollingWindowDays} returns ending on
   * k (the window may reach before the period); it starts at the first day of the period whose
   * window is full, so pass {@code periodDays + rollingWindowDays} days of NAV for a full series.
   * With m &lt; {@code minRatioReturns} Sharpe, Sortino and Calmar are {@code NaN} (the API passes
   * {@link #MIN_RATIO_RETURNS}); the volatility is still given.
   *
   * @param dailyNav NAV snapshots (resampled to UTC days as the backtest metrics do)
   * @param periodDays number of most recent daily returns to use (fewer when fewer exist)
   * @param periodsPerYear annualisation factor, 365 for crypto
   * @param rollingWindowDays trailing returns per rolling value, at least 2
   * @param minRatioReturns fewest returns in the period for the ratios, at least 1
   * @throws IllegalArgumentException on unsorted times or a parameter out of range
   */
  public static VolatilityReport portfolioVolatility(
      List<NavPoint> dailyNav,
      int periodDays,
      int periodsPerYear,
      int rollingWindowDays,
      int minRatioReturns) {
    return VolatilityAnalytics.portfolio(
        dailyNav, periodDays, periodsPerYear, rollingWindowDays, minRatioReturns);
  }

  /**
   * Each symbol's annualised volatility and Euler contribution to the portfolio volatility. A
   * symbol's own volatility uses every day it has a finite return. The contributions use the sample
   * covariance matrix Σ of the symbols with a non-zero weight over the days on which all of them
   * have a finite return (complete cases): σ_p = √(wᵀΣw) and contribution_i = w_i (Σw)_i / σ_p ×
   * √periodsPerYear, so the contributions sum to the annualised sample volatility of the weighted
   * return Σ w_i r_i on those days. Zero-weight symbols contribute 0; with fewer than two complete
   * days or σ_p = 0 every contribution is {@code NaN}. The list follows the order of {@code
   * symbols}.
   *
   * @param symbols the symbols, in output order
   * @param dailyReturns {@code [symbol][day]} simple daily returns, days aligned across symbols,
   *     {@code NaN} where a symbol has no return
   * @param weights portfolio weight of each symbol (signed)
   * @param periodsPerYear annualisation factor, 365 for crypto
   * @throws IllegalArgumentException on mismatched lengths, non-finite weights or duplicate symbols
   */
  public static List<SymbolVolatility> symbolVolatility(
      List<String> symbols, double[][] dailyReturns, double[] weights, int periodsPerYear) {
    return VolatilityAnalytics.symbols(symbols, dailyReturns, weights, periodsPerYear);
  }

  /**
   * Target against actual weights per symbol, for every symbol in either map (absent = 0; |w| &lt;
   * 1e-12 counts as 0; symbols with both weights 0 are left out): deviation = actual − target,
   * deviationPct = deviation / |target| × 100, status {@code extra} (no target; pct {@code NaN}),
   * {@code missing} (target, no position), {@code acceptable} (|pct| &lt; 10) or {@code warning}
   * (|pct| ≥ 10, also beyond 50: the API has no fifth status). Sorted by |deviation| descending,
   * then symbol. The summary's average and maximum are of |pct| over the symbols with a target.
   *
   * @param targetWeights target weight per symbol (signed)
   * @param actualWeights actual weight per symbol (signed)
   * @param checkedAtMs when the weights were read, epoch ms UTC
   * @throws IllegalArgumentException on a non-finite weight
   */
  public static PositionDeviationReport positionDeviation(
      Map<String, Double> targetWeights, Map<String, Double> actualWeights, long checkedAtMs) {
    return DeviationAnalytics.check(targetWeights, actualWeights, checkedAtMs);
  }
}
