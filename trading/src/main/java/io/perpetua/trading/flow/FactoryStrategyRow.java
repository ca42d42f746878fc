package io.perpetua.trading.flow;

import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;

/**
 * A user-defined strategy as stored: its definition, version (incremented by every edit), status
 * and initial balance (raised by add-balance).
 *
 * <p>Immutable.
 *
 * @param id the strategy id
 * @param version the version, from 1
 * @param definition the validated definition
 * @param status the lifecycle status
 * @param initialBalance the initial balance (the definition's, plus every added amount)
 * @param createdMs creation time
 * @param updatedMs last change
 */
public record FactoryStrategyRow(
    StrategyId id,
    int version,
    FactoryStrategyDefinition definition,
    StrategyStatus status,
    Money initialBalance,
    long createdMs,
    long updatedMs) {
  /** Validates the fields. */
  public FactoryStrategyRow {
    if (id == null || definition == null || status == null || initialBalance == null) {
      throw new IllegalArgumentException("id, definition, status and balance are required");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }
}
