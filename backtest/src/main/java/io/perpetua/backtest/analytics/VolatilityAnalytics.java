package io.perpetua.backtest.analytics;

import io.perpetua.backtest.metrics.Drawdowns;
import io.perpetua.backtest.metrics.Resampling;
import io.perpetua.backtest.metrics.ReturnStatistics;
import io.perpetua.jobs.EquityCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Portfolio- and symbol-level volatility for {@link PortfolioAnalytics}. Stateless. */
final class VolatilityAnalytics {
  /** Weights below this magnitude count as zero. */
  static final double ZERO_WEIGHT = 1e-12;

  private VolatilityAnalytics() {}

  /**
   * The NAV is resampled like the backtest metrics ({@link Resampling#lastPerPeriod} with a UTC
   * day: the first snapshot as base, then each day's last), giving daily returns r_1..r_n. The
   * period is the last m = min(periodDays, n) of them; its volatility, Sharpe and Sortino come from
   * {@link ReturnStatistics}, its Calmar from the CAGR and the maximum drawdown of the daily NAV
   * from the period's base to its end. The rolling value on day k uses the {@code
   * rollingWindowDays} returns ending at k (which may reach before the period) and exists for each
   * day of the period from the first whose window is full. With fewer than {@code minRatioReturns}
   * returns in the period, Sharpe, Sortino and Calmar are {@code NaN}.
   */
  static VolatilityReport portfolio(
      List<NavPoint> dailyNav,
      int periodDays,
      int periodsPerYear,
      int rollingWindowDays,
      int minRatioReturns) {
    if (periodDays < 1) {
      throw new IllegalArgumentException("periodDays must be at least 1, was " + periodDays);
    }
    if (periodsPerYear < 1) {
      throw new IllegalArgumentException(
          "periodsPerYear must be at least 1, was " + periodsPerYear);
    }
    if (rollingWindowDays < 2) {
      throw new IllegalArgumentException(
          "rollingWindowDays must be at least 2, was " + rollingWindowDays);
    }
    if (minRatioReturns < 1) {
      throw new IllegalArgumentException(
          "minRatioReturns must be at least 1, was " + minRatioReturns);
    }
    EquityCurve daily = Resampling.lastPerPeriod(NavSeries.curve(dailyNav), Resampling.DAY_MS);
    double[] nav = daily.equity();
    long[] times = daily.timesMs();
    double[] all = Resampling.simpleReturns(nav);
    int n = all.length;
    int from = n - Math.min(periodDays, n);
    double[] r = Arrays.copyOfRange(all, from, n);
    boolean ratios = r.length >= minRatioReturns;
    double calmar = Double.NaN;
    if (r.length > 0 && ratios) {
      double[] periodNav = Arrays.copyOfRange(nav, from, nav.length);
      double growth =
          periodNav[0] > 0 ? periodNav[periodNav.length - 1] / periodNav[0] : Double.NaN;
      double cagr = ReturnStatistics.cagr(growth, r.length, periodsPerYear);
      calmar = ReturnStatistics.calmar(cagr, Drawdowns.max(periodNav).depth());
    }
    List<RollingVolatility> rolling = new ArrayList<>();
    for (int k = Math.max(from, rollingWindowDays - 1); k < n; k++) {
      double[] window = Arrays.copyOfRange(all, k - rollingWindowDays + 1, k + 1);
      rolling.add(
          new RollingVolatility(
              NavSeries.date(times[k + 1]), ReturnStatistics.volatility(window, periodsPerYear)));
    }
    return new VolatilityReport(
        r.length,
        ReturnStatistics.sampleStandardDeviation(r),
        ReturnStatistics.volatility(r, periodsPerYear),
        ratios ? ReturnStatistics.sharpe(r, periodsPerYear) : Double.NaN,
        ratios ? ReturnStatistics.sortino(r, periodsPerYear) : Double.NaN,
        calmar,
        rolling);
  }

  /**
   * Own volatility: sample standard deviation of each symbol's finite returns × √P. Contributions:
   * the sample covariance matrix Σ of the symbols with a non-zero weight over the days on which
   * every one of them has a finite return (complete cases), σ_p = √(wᵀΣw), and contribution_i = w_i
   * (Σw)_i / σ_p × √P, so the contributions sum to σ_p × √P, the annualised sample volatility of
   * the weighted return Σ_i w_i r_i on those days. Symbols with zero weight contribute 0. With
   * fewer than two complete days or σ_p = 0 every contribution is {@code NaN}.
   */
  static List<SymbolVolatility> symbols(
      List<String> symbols, double[][] dailyReturns, double[] weights, int periodsPerYear) {
    check(symbols, dailyReturns, weights, periodsPerYear);
    int k = symbols.size();
    double root = Math.sqrt(periodsPerYear);
    double[] contributions = contributions(dailyReturns, weights);
    List<SymbolVolatility> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      out.add(
          new SymbolVolatility(
              symbols.get(i),
              weights[i],
              ReturnStatistics.volatility(finite(dailyReturns[i]), periodsPerYear),
              contributions[i] * root));
    }
    return out;
  }

  /** Daily (not annualised) Euler contributions. */
  private static double[] contributions(double[][] returns, double[] weights) {
    int k = weights.length;
    int[] active = activeSymbols(weights);
    int days = k == 0 ? 0 : returns[0].length;
    boolean[] complete = new boolean[days];
    int n = 0;
    for (int t = 0; t < days; t++) {
      complete[t] = true;
      for (int i : active) {
        complete[t] &= Double.isFinite(returns[i][t]);
      }
      n += complete[t] ? 1 : 0;
    }
    double[] contribution = new double[k];
    if (n < 2) {
      Arrays.fill(contribution, Double.NaN);
      return contribution;
    }
    double[] mean = new double[k];
    for (int i : active) {
      for (int t = 0; t < days; t++) {
        mean[i] += complete[t] ? returns[i][t] / n : 0;
      }
    }
    double[] sigmaW = new double[k];
    for (int i : active) {
      for (int j : active) {
        double cov = 0;
        for (int t = 0; t < days; t++) {
          if (complete[t]) {
            cov += (returns[i][t] - mean[i]) * (returns[j][t] - mean[j]);
          }
        }
        sigmaW[i] += cov / (n - 1) * weights[j];
      }
    }
    double variance = 0;
    for (int i : active) {
      variance += weights[i] * sigmaW[i];
    }
    double sigma = Math.sqrt(variance);
    for (int i = 0; i < k; i++) {
      contribution[i] = sigma > 0 ? weights[i] * sigmaW[i] / sigma : Double.NaN;
    }
    return contribution;
  }

  private static int[] activeSymbols(double[] weights) {
    int[] active = new int[weights.length];
    int m = 0;
    for (int i = 0; i < weights.length; i++) {
      if (Math.abs(weights[i]) >= ZERO_WEIGHT) {
        active[m++] = i;
      }
    }
    return Arrays.copyOf(active, m);
  }

  private static double[] finite(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).toArray();
  }

  private static void check(
      List<String> symbols, double[][] returns, double[] weights, int periodsPerYear) {
    Objects.requireNonNull(symbols, "symbols");
    Objects.requireNonNull(returns, "dailyReturns");
    Objects.requireNonNull(weights, "weights");
    if (periodsPerYear < 1) {
      throw new IllegalArgumentException(
          "periodsPerYear must be at least 1, was " + periodsPerYear);
    }
    int k = symbols.size();
    if (returns.length != k || weights.length != k) {
      throw new IllegalArgumentException(
          k
              + " symbols, but "
              + returns.length
              + " return rows and "
              + weights.length
              + " weights");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < k; i++) {
      String s = Objects.requireNonNull(symbols.get(i), "symbols[" + i + "]");
      if (!seen.add(s)) {
        throw new IllegalArgumentException("duplicate symbol " + s);
      }
      Objects.requireNonNull(returns[i], "dailyReturns[" + i + "]");
      if (returns[i].length != returns[0].length) {
        throw new IllegalArgumentException(
            "dailyReturns rows must be aligned: row "
                + i
                + " ("
                + s
                + ") has "
                + returns[i].length
                + " days, row 0 has "
                + returns[0].length);
      }
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight of " + s + " must be finite: " + weights[i]);
      }
    }
  }
}
