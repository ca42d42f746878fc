package io.perpetua.trading.lifecycle;

/**
 * What a candidate did live (in shadow: its virtual book; in canary: its capital slice) and what
 * its backtest promised: the inputs of the gates.
 *
 * @param liveDailyReturns its daily returns live, oldest first
 * @param backtestDailyReturns the daily returns of its backtest (the reference distribution)
 * @param liveSlippageBps its mean live slippage against the decision price, bps
 * @param assumedSlippageBps the slippage the backtest assumed, bps
 * @param trades its live trades
 */
public record CanaryEvidence(
    double[] liveDailyReturns,
    double[] backtestDailyReturns,
    double liveSlippageBps,
    double assumedSlippageBps,
    int trades) {
  /** Validates; copies the arrays. */
  public CanaryEvidence {
    liveDailyReturns = finite(liveDailyReturns, "live_daily_returns");
    backtestDailyReturns = finite(backtestDailyReturns, "backtest_daily_returns");
    if (!Double.isFinite(liveSlippageBps) || !Double.isFinite(assumedSlippageBps)) {
      throw new LifecycleException(
          LifecycleException.Kind.INVALID, "Invalid field 'slippage_bps': must be finite");
    }
    if (trades < 0) {
      throw new LifecycleException(
          LifecycleException.Kind.INVALID, "Invalid field 'trades': must be >= 0");
    }
  }

  private static double[] finite(double[] values, String field) {
    if (values == null) {
      throw new LifecycleException(
          LifecycleException.Kind.INVALID, "Missing required field '" + field + "'");
    }
    for (double v : values) {
      if (!Double.isFinite(v) || v <= -1) {
        throw new LifecycleException(
            LifecycleException.Kind.INVALID,
            "Invalid field '" + field + "': returns must be finite and > -1");
      }
    }
    return values.clone();
  }
}
