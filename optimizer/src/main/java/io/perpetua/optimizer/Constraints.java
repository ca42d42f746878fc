package io.perpetua.optimizer;

import io.perpetua.jobs.Metrics;

/**
 * Limits a trial must respect or be rejected with a reason: maximum gross leverage (checked before
 * the run, from the trial's {@code gross_exposure} or the run's leverage), minimum number of closed
 * trades, maximum average turnover per rebalance and maximum drawdown (a positive fraction, e.g.
 * 0.3). A null limit is off. Immutable.
 */
public record Constraints(
    Double maxLeverage, Integer minTrades, Double maxTurnover, Double maxDrawdown)
    implements java.io.Serializable {
  /** Validates the limits. */
  public Constraints {
    if (maxLeverage != null && !(maxLeverage > 0)) {
      throw new IllegalArgumentException("max_leverage: must be > 0, was " + maxLeverage);
    }
    if (minTrades != null && minTrades < 0) {
      throw new IllegalArgumentException("min_trades: must be >= 0, was " + minTrades);
    }
    if (maxTurnover != null && !(maxTurnover >= 0)) {
      throw new IllegalArgumentException("max_turnover: must be >= 0, was " + maxTurnover);
    }
    if (maxDrawdown != null && !(maxDrawdown > 0 && maxDrawdown <= 1)) {
      throw new IllegalArgumentException("max_drawdown: must be in (0, 1], was " + maxDrawdown);
    }
  }

  /** No limits. */
  public static Constraints none() {
    return new Constraints(null, null, null, null);
  }

  /** Why a trial at {@code leverage} may not run, or null. */
  public String beforeRun(double leverage) {
    if (maxLeverage != null && leverage > maxLeverage) {
      return "leverage " + leverage + " above max_leverage " + maxLeverage;
    }
    return null;
  }

  /** Why a trial with these metrics is rejected, or null. */
  public String afterRun(Metrics m) {
    if (minTrades != null && m.totalTrades() < minTrades) {
      return m.totalTrades() + " trades, below min_trades " + minTrades;
    }
    if (maxTurnover != null && m.avgTurnover() > maxTurnover) {
      return "turnover " + round(m.avgTurnover()) + " above max_turnover " + maxTurnover;
    }
    if (maxDrawdown != null && Math.abs(m.maxDrawdown()) > maxDrawdown) {
      return "drawdown " + round(Math.abs(m.maxDrawdown())) + " above max_drawdown " + maxDrawdown;
    }
    return null;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
