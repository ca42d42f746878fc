package io.perpetua.trading.lifecycle;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test: the statistic {@code D = sup |F_a(x) − F_b(x)|} of the
 * two empirical distribution functions, and its asymptotic p-value {@code Q_KS(√(nm/(n+m))·D)} with
 * the Kolmogorov distribution's survival function {@code Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}}
 * (for small λ its equivalent {@code 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}}, which converges
 * there). Matches SciPy's {@code ks_2samp} statistic and {@code kstwobign.sf}. Stateless.
 */
public final class KolmogorovSmirnov {
  private KolmogorovSmirnov() {}

  /**
   * The statistic D of samples {@code a} and {@code b}.
   *
   * @throws IllegalArgumentException for an empty sample or a NaN
   */
  public static double statistic(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("both samples need at least one value");
    }
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    if (Double.isNaN(x[x.length - 1]) || Double.isNaN(y[y.length - 1])) {
      throw new IllegalArgumentException("samples must not contain NaN");
    }
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] == v) {
        i++;
      }
      while (j < y.length && y[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  /** The asymptotic p-value of statistic {@code d} for sample sizes {@code n} and {@code m}. */
  public static double pValue(double d, int n, int m) {
    double en = (double) n * m / (n + m);
    return kolmogorovSurvival(Math.sqrt(en) * d);
  }

  /** {@code Q_KS(λ) = P(K > λ)} of the Kolmogorov distribution. */
  public static double kolmogorovSurvival(double lambda) {
    if (lambda <= 0) {
      return 1.0;
    }
    if (lambda < 1.18) {
      double y = Math.exp(-Math.PI * Math.PI / (8 * lambda * lambda));
      double sum = 0;
      for (int k = 1; k <= 50; k++) {
        int odd = 2 * k - 1;
        double term = Math.pow(y, (double) odd * odd);
        sum += term;
        if (term < 1e-17) {
          break;
        }
      }
      return Math.min(1.0, Math.max(0.0, 1 - Math.sqrt(2 * Math.PI) / lambda * sum));
    }
    double sum = 0;
    for (int k = 1; k <= 100; k++) {
      double term = Math.exp(-2.0 * k * k * lambda * lambda);
      sum += (k % 2 == 1 ? term : -term);
      if (term < 1e-17) {
        break;
      }
    }
    return Math.min(1.0, Math.max(0.0, 2 * sum));
  }
}
