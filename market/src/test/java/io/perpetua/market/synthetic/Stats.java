package io.perpetua.market.synthetic;

/** Sample statistics for the stylised-fact tests. */
final class Stats {
  private Stats() {}

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double excessKurtosis(double[] x) {
    double m = mean(x);
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = (v - m) * (v - m);
      m2 += d;
      m4 += d * d;
    }
    m2 /= x.length;
    m4 /= x.length;
    return m4 / (m2 * m2) - 3;
  }

  static double[] squares(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * x[i];
    }
    return out;
  }

  static double lag1Autocorrelation(double[] x) {
    double[] a = java.util.Arrays.copyOfRange(x, 0, x.length - 1);
    double[] b = java.util.Arrays.copyOfRange(x, 1, x.length);
    return correlation(a, b);
  }

  static double correlation(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
