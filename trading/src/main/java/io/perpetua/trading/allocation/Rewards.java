package io.perpetua.trading.allocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The bandit's reward {@code R = PnL_net / risk} of a window of net returns (spec 003 §5), its risk
 * measures and the correlation of two strategies' returns. Pure functions.
 */
public final class Rewards {
  /** The smallest risk a reward divides by (a window without variation is not infinitely good). */
  public static final double RISK_FLOOR = 1e-4;

  private Rewards() {}

  /** The window's compounded net return. */
  public static double netReturn(double[] returns) {
    double nav = 1;
    for (double r : returns) {
      nav *= 1 + r;
    }
    return nav - 1;
  }

  /** {@code measure} of {@code returns}: {@code vol}, {@code var} (95 %) or {@code drawdown}. */
  public static double risk(double[] returns, String measure) {
    double value =
        switch (measure) {
          case "vol" -> sd(returns);
          case "var" -> valueAtRisk(returns, 0.05);
          case "drawdown" -> maxDrawdown(returns);
          default -> throw new IllegalArgumentException("unknown risk measure " + measure);
        };
    return Math.max(RISK_FLOOR, value);
  }

  /** The reward {@code netReturn / risk}; NaN with fewer than two returns. */
  public static double reward(double[] returns, String measure) {
    if (returns.length < 2) {
      return Double.NaN;
    }
    return netReturn(returns) / risk(returns, measure);
  }

  /** The sample standard deviation (0 with fewer than two values). */
  public static double sd(double[] x) {
    if (x.length < 2) {
      return 0.0;
    }
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /** The historical value at risk at tail {@code alpha}: minus the alpha quantile, at least 0. */
  public static double valueAtRisk(double[] returns, double alpha) {
    if (returns.length == 0) {
      return 0.0;
    }
    double[] s = returns.clone();
    Arrays.sort(s);
    int i = (int) Math.floor(alpha * (s.length - 1));
    return Math.max(0.0, -s[i]);
  }

  /** The largest fall of the compounded curve from a peak, as a positive fraction. */
  public static double maxDrawdown(double[] returns) {
    double nav = 1;
    double peak = 1;
    double worst = 0;
    for (double r : returns) {
      nav *= 1 + r;
      peak = Math.max(peak, nav);
      worst = Math.max(worst, 1 - nav / peak);
    }
    return worst;
  }

  /**
   * The Pearson correlation of {@code a} and {@code b} over the times both have; NaN with fewer
   * than {@code minCommon} common times or when either is constant there.
   */
  public static double correlation(ReturnSeries a, ReturnSeries b, int minCommon) {
    Map<Long, Double> byTime = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      byTime.put(a.timesMs()[i], a.returns()[i]);
    }
    double[] x = new double[b.size()];
    double[] y = new double[b.size()];
    int n = 0;
    for (int i = 0; i < b.size(); i++) {
      Double v = byTime.get(b.timesMs()[i]);
      if (v != null) {
        x[n] = v;
        y[n] = b.returns()[i];
        n++;
      }
    }
    if (n < minCommon) {
      return Double.NaN;
    }
    return pearson(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
  }

  static double pearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
  }
}
