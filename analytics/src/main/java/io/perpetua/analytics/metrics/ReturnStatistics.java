package io.perpetua.analytics.metrics;

/**
 * Statistics of a periodic simple-return series ({@code r = equity[k] / equity[k-1] − 1}), as
 * defined in {@code docs/metrics.md}: arithmetic mean, sample standard deviation (n−1), downside
 * deviation with target 0 over all n observations, and their annualised ratios with a risk-free
 * rate of 0. Stateless; every method is a single allocation-free pass (two for the standard
 * deviation) and returns {@code NaN} when the value is undefined.
 */
public final class ReturnStatistics {
  /**
   * A standard deviation at or below this fraction of |mean| is floating-point noise on a constant
   * series and counts as zero.
   */
  static final double ZERO_DISPERSION = 1e-10;

  private ReturnStatistics() {}

  /** Arithmetic mean; {@code NaN} for an empty series. */
  public static double mean(double[] returns) {
    if (returns.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double r : returns) {
      sum += r;
    }
    return sum / returns.length;
  }

  /** Sample standard deviation {@code sqrt(Σ(r − mean)² / (n − 1))}; {@code NaN} when n < 2. */
  public static double sampleStandardDeviation(double[] returns) {
    int n = returns.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mean = mean(returns);
    double squares = 0;
    for (double r : returns) {
      double d = r - mean;
      squares += d * d;
    }
    return Math.sqrt(squares / (n - 1));
  }

  /**
   * Downside deviation with target 0: {@code sqrt(Σ min(r, 0)² / n)}, dividing by all n
   * observations (Sortino &amp; Price; empyrical's {@code downside_risk}); {@code NaN} when empty.
   */
  public static double downsideDeviation(double[] returns) {
    int n = returns.length;
    if (n == 0) {
      return Double.NaN;
    }
    double squares = 0;
    for (double r : returns) {
      if (r < 0) {
        squares += r * r;
      }
    }
    return Math.sqrt(squares / n);
  }

  /** Annualised volatility {@code std × √periodsPerYear}; {@code NaN} when n < 2. */
  public static double volatility(double[] returns, int periodsPerYear) {
    return sampleStandardDeviation(returns) * Math.sqrt(checkPeriods(periodsPerYear));
  }

  /**
   * Annualised Sharpe ratio {@code mean / std × √periodsPerYear}, risk-free 0; {@code NaN} when n <
   * 2 or the standard deviation is zero.
   */
  public static double sharpe(double[] returns, int periodsPerYear) {
    double root = Math.sqrt(checkPeriods(periodsPerYear));
    double mean = mean(returns);
    double std = sampleStandardDeviation(returns);
    if (!(std > ZERO_DISPERSION * Math.abs(mean))) {
      return Double.NaN;
    }
    return mean / std * root;
  }

  /**
   * Annualised Sortino ratio {@code mean / downsideDeviation × √periodsPerYear}, target 0; {@code
   * NaN} when empty or when no return is negative (zero downside deviation).
   */
  public static double sortino(double[] returns, int periodsPerYear) {
    double root = Math.sqrt(checkPeriods(periodsPerYear));
    double downside = downsideDeviation(returns);
    if (!(downside > 0)) {
      return Double.NaN;
    }
    return mean(returns) / downside * root;
  }

  /**
   * Compound annual growth rate {@code growth^(periodsPerYear / periods) − 1} of a wealth ratio
   * {@code growth = final / initial} earned over {@code periods} periods; {@code NaN} when there
   * are no periods or the growth is negative or undefined, −1 when wealth reached 0.
   */
  public static double cagr(double growth, int periods, int periodsPerYear) {
    checkPeriods(periodsPerYear);
    if (periods <= 0 || !(growth >= 0)) {
      return Double.NaN;
    }
    return Math.pow(growth, (double) periodsPerYear / periods) - 1;
  }

  /** Calmar ratio {@code cagr / |maxDrawdown|}; {@code NaN} unless the drawdown is negative. */
  public static double calmar(double cagr, double maxDrawdown) {
    if (!(maxDrawdown < 0)) {
      return Double.NaN;
    }
    return cagr / -maxDrawdown;
  }

  static int checkPeriods(int periodsPerYear) {
    if (periodsPerYear < 1) {
      throw new IllegalArgumentException(
          "periodsPerYear must be at least 1, was " + periodsPerYear);
    }
    return periodsPerYear;
  }
}
