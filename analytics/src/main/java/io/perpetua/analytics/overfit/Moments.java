package io.perpetua.analytics.overfit;

/**
 * The first four moments of a return series, as the overfitting statistics use them: mean, sample
 * standard deviation ({@code n − 1}), skewness {@code m₃ / m₂^{3/2}} and <b>non-excess</b> kurtosis
 * {@code m₄ / m₂²} from the central moments {@code m_k = Σ(r − mean)^k / n} (the population, or
 * "biased", estimators: {@code scipy.stats.skew} and {@code scipy.stats.kurtosis(fisher=False)}
 * with their defaults). Immutable.
 *
 * @param count n, the number of returns
 * @param mean the arithmetic mean
 * @param standardDeviation the sample standard deviation; {@code NaN} when n &lt; 2
 * @param skew the skewness; {@code NaN} when n &lt; 2 or the series is constant
 * @param kurtosis the kurtosis (3 for a normal distribution); {@code NaN} when undefined
 */
public record Moments(
    int count, double mean, double standardDeviation, double skew, double kurtosis) {
  /** The moments of {@code returns} (two passes, no allocation). */
  public static Moments of(double[] returns) {
    int n = returns.length;
    if (n == 0) {
      return new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (double r : returns) {
      sum += r;
    }
    double mean = sum / n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double r : returns) {
      double d = r - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    double std = n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    m2 /= n;
    m3 /= n;
    m4 /= n;
    boolean constant = !(m2 > 1e-20 * mean * mean) || n < 2;
    double skew = constant ? Double.NaN : m3 / Math.pow(m2, 1.5);
    double kurtosis = constant ? Double.NaN : m4 / (m2 * m2);
    return new Moments(n, mean, std, skew, kurtosis);
  }

  /** The per-period Sharpe ratio {@code mean / standardDeviation}; {@code NaN} when undefined. */
  public double sharpe() {
    return Double.isNaN(skew) ? Double.NaN : mean / standardDeviation;
  }
}
