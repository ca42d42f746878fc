package io.perpetua.trading.learn;

import java.util.List;

/**
 * Settings of the walk-forward re-weighting (spec §5).
 *
 * @param trainMs training window (30 days)
 * @param stepMs step and validation window after each training window (7 days)
 * @param maxMove the largest relative move of one layer weight per release (0.30)
 * @param thresholds the entry thresholds of the grid search (within 60–95)
 * @param minOosTrades the fewest out-of-sample trades a release needs
 * @param maxDrawdownR the largest out-of-sample drawdown in R a release may have
 * @param samples weight vectors tried per training window (besides the current one)
 * @param seed the seed of the weight sampling (same seed, same release)
 */
public record ReweightConfig(
    long trainMs,
    long stepMs,
    double maxMove,
    List<Double> thresholds,
    int minOosTrades,
    double maxDrawdownR,
    int samples,
    long seed) {
  private static final long DAY = 86_400_000L;

  /** 30-day train, 7-day step, ±30 %, thresholds 60–95 by 5, 20 trades, 10 R, 300 samples. */
  public static final ReweightConfig DEFAULTS =
      new ReweightConfig(
          30 * DAY,
          7 * DAY,
          0.30,
          List.of(60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0),
          20,
          10,
          300,
          17);

  /** Validates the fields. */
  public ReweightConfig {
    if (trainMs <= 0 || stepMs <= 0 || !(maxMove > 0 && maxMove <= 0.30) || samples < 0) {
      throw new IllegalArgumentException("windows must be positive and max_move in (0, 0.30]");
    }
    thresholds = List.copyOf(thresholds);
    if (thresholds.isEmpty() || thresholds.stream().anyMatch(t -> !(t >= 60 && t <= 95))) {
      throw new IllegalArgumentException("thresholds must lie in [60, 95]");
    }
    if (minOosTrades < 1 || !(maxDrawdownR > 0)) {
      throw new IllegalArgumentException("min trades and max drawdown must be positive");
    }
  }
}
