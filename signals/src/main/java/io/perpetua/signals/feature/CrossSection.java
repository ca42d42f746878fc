package io.perpetua.signals.feature;

import java.util.Arrays;

/**
 * Cross-sectional kernels over one time slice: primitive arrays, no allocation, NaN-aware (NaN
 * entries are ignored and stay NaN). Stateless and thread-safe.
 */
public final class CrossSection {
  private CrossSection() {}

  /**
   * Writes the z-score {@code (x − mean) / sd} of {@code values[0..n)} into {@code out}, using the
   * sample standard deviation (n − 1). Entries whose input is NaN or whose {@code mask} is false
   * are NaN. When fewer than two valid values exist, or the deviation is zero, valid entries are 0.
   *
   * @return the number of valid entries
   */
  public static int zscore(double[] values, boolean[] mask, int n, double[] out) {
    int count = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (mask[i] && !Double.isNaN(v)) {
        count++;
        sum += v;
      }
    }
    if (count == 0) {
      Arrays.fill(out, 0, n, Double.NaN);
      return 0;
    }
    double mean = sum / count;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (mask[i] && !Double.isNaN(v)) {
        double d = v - mean;
        ss += d * d;
      }
    }
    double sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0.0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (!mask[i] || Double.isNaN(v)) {
        out[i] = Double.NaN;
      } else {
        out[i] = sd > 0 ? (v - mean) / sd : 0.0;
      }
    }
    return count;
  }
}
