package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.MarketView;
import java.util.List;
import java.util.Map;

/**
 * The strategy SPI for cross-sectional (portfolio) strategies: given the market view, the pool
 * members and the computed features, decide a signal and target weights. The kernel calls it the
 * same way in backtest, paper and live.
 *
 * <p>Implementations must be deterministic (same inputs, same decision) and must not look beyond
 * the view.
 */
public interface CrossSectionalStrategy {
  /** The strategy id, e.g. {@code baseline_rev}. */
  StrategyId id();

  /** The asset pool it trades. */
  String poolName();

  /** Features it needs, in the order {@link #decide} receives them. */
  List<String> requiredFeatures();

  /** Its current parameters, for display ({@code long_n}, {@code short_n}...). */
  Map<String, Object> parameters();

  /**
   * Decides at {@code view.time()}.
   *
   * @param view the market up to now
   * @param pool pool membership by instrument
   * @param features one array per required feature, by instrument
   */
  StrategyDecision decide(MarketView view, boolean[] pool, List<double[]> features);
}
