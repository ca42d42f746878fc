package io.perpetua.trading.flow;

import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowStrategyConfig;

/**
 * What runs the factory strategies a {@link FactoryStrategyBook} manages: the kernel's {@link
 * KernelFlowStrategy}. Called on the thread that drives it.
 */
public interface FlowStrategyHost {
  /** Adds a strategy or replaces its configuration (from its next evaluation on). */
  void upsertStrategy(FlowStrategyConfig config);

  /** Pauses every slot of {@code id}: no evaluations; open positions keep being managed. */
  void pause(StrategyId id);

  /** Resumes a paused strategy. */
  void resume(StrategyId id);

  /** Adds money to a strategy's balance. */
  void addBalance(StrategyId id, Money amount);

  /** The strategy's current balance. */
  Money balance(StrategyId id);
}
