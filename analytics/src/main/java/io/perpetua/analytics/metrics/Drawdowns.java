package io.perpetua.analytics.metrics;

/**
 * Drawdowns of an equity (or wealth) series: the drawdown series {@code value[t] / peak[t] − 1} and
 * the maximum drawdown with its peak and trough. Stateless; single allocation-free passes (except
 * for the returned series).
 */
public final class Drawdowns {
  private Drawdowns() {}

  /**
   * {@code dd[t] = equity[t] / max(equity[0..t]) − 1}, each ≤ 0 for a positive series; {@code NaN}
   * at every point while the running peak is not positive.
   */
  public static double[] series(double[] equity) {
    double[] dd = new double[equity.length];
    double peak = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < equity.length; t++) {
      if (equity[t] > peak) {
        peak = equity[t];
      }
      dd[t] = peak > 0 ? equity[t] / peak - 1 : Double.NaN;
    }
    return dd;
  }

  /**
   * The maximum drawdown of an equity series; {@link MaxDrawdown#UNDEFINED} when it has fewer than
   * two points, its first point is not positive, or a point is {@code NaN}.
   */
  public static MaxDrawdown max(double[] equity) {
    if (equity.length < 2 || !(equity[0] > 0)) {
      return MaxDrawdown.UNDEFINED;
    }
    double peak = equity[0];
    int peakIndex = 0;
    double worst = 0;
    int worstPeak = 0;
    int worstTrough = 0;
    for (int t = 1; t < equity.length; t++) {
      double e = equity[t];
      if (Double.isNaN(e)) {
        return MaxDrawdown.UNDEFINED;
      }
      if (e >= peak) {
        peak = e;
        peakIndex = t;
      } else {
        double dd = e / peak - 1;
        if (dd < worst) {
          worst = dd;
          worstPeak = peakIndex;
          worstTrough = t;
        }
      }
    }
    return new MaxDrawdown(worst, worstPeak, worstTrough);
  }

  /**
   * The maximum drawdown of the wealth compounded from periodic returns, starting at 1 before the
   * first return (so a first-period loss counts, as in empyrical): index 0 is the start, index k
   * the wealth after return k. {@link MaxDrawdown#UNDEFINED} for an empty series.
   */
  public static MaxDrawdown ofReturns(double[] returns) {
    if (returns.length == 0) {
      return MaxDrawdown.UNDEFINED;
    }
    double wealth = 1;
    double peak = 1;
    int peakIndex = 0;
    double worst = 0;
    int worstPeak = 0;
    int worstTrough = 0;
    for (int k = 0; k < returns.length; k++) {
      wealth *= 1 + returns[k];
      if (wealth >= peak) {
        peak = wealth;
        peakIndex = k + 1;
      } else {
        double dd = wealth / peak - 1;
        if (dd < worst) {
          worst = dd;
          worstPeak = peakIndex;
          worstTrough = k + 1;
        }
      }
    }
    if (Double.isNaN(wealth)) {
      return MaxDrawdown.UNDEFINED;
    }
    return new MaxDrawdown(worst, worstPeak, worstTrough);
  }
}
