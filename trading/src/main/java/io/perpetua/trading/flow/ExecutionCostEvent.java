package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;

/**
 * Execution costs of one closed trade (spec §5): fees, slippage, maker ratio, flip flag, holding
 * time and friction (fees + slippage) in R.
 *
 * <p>Immutable.
 *
 * @param tradeId the position id
 * @param strategyId the strategy
 * @param instrument the symbol
 * @param engineInstance the engine instance
 * @param fees fees paid
 * @param slippageBps adverse slippage in bps of the entry notional per side
 * @param makerRatio maker share of the filled quantity
 * @param flip whether a flip opened or closed the trade
 * @param holdMs holding time
 * @param frictionR fees plus slippage, in R
 */
public record ExecutionCostEvent(
    String tradeId,
    StrategyId strategyId,
    InstrumentId instrument,
    String engineInstance,
    Money fees,
    double slippageBps,
    double makerRatio,
    boolean flip,
    long holdMs,
    double frictionR) {
  /** Validates the fields. */
  public ExecutionCostEvent {
    if (tradeId == null || strategyId == null || instrument == null || fees == null) {
      throw new IllegalArgumentException("trade, strategy, instrument and fees are required");
    }
  }

  /** The cost event of a closed trade. */
  public static ExecutionCostEvent of(ClosedFlowTrade t, String engineInstance) {
    return new ExecutionCostEvent(
        t.id(),
        t.strategyId(),
        t.instrument(),
        engineInstance,
        t.fees(),
        t.slippageBps(),
        t.makerRatio(),
        t.flip(),
        t.holdMs(),
        t.frictionR());
  }
}
