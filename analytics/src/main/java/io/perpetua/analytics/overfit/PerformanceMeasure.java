package io.perpetua.analytics.overfit;

/**
 * How CSCV ranks a trial on a sub-sample of its returns: any function of a return series where
 * higher is better. Must be a pure function (it is called from one thread, many times, on a reused
 * buffer it must not keep). A {@code NaN} result ranks below every number.
 */
@FunctionalInterface
public interface PerformanceMeasure {
  /** The per-period Sharpe ratio (sample standard deviation, risk-free 0), the papers' choice. */
  PerformanceMeasure SHARPE = SharpeStatistics::sharpe;

  /** The mean return. */
  PerformanceMeasure MEAN =
      returns -> {
        double sum = 0;
        for (double r : returns) {
          sum += r;
        }
        return returns.length == 0 ? Double.NaN : sum / returns.length;
      };

  /** The performance of one trial on {@code returns} (read only, valid during the call). */
  double of(double[] returns);
}
