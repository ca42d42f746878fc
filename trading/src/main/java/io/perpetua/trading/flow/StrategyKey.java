package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;

/**
 * A strategy on one symbol: the unit of scheduling, cooldown and momentum.
 *
 * <p>Immutable.
 *
 * @param strategyId the strategy
 * @param instrument the symbol
 */
public record StrategyKey(StrategyId strategyId, InstrumentId instrument) {
  /** Validates the fields. */
  public StrategyKey {
    if (strategyId == null || instrument == null) {
      throw new IllegalArgumentException("strategy and instrument are required");
    }
  }
}
