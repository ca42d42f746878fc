package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;

/**
 * A closed order-flow trade (from the kernel's fills) with its pnl in R and in money, fees and
 * execution costs.
 *
 * <p>Immutable.
 *
 * @param id position id
 * @param strategyId the strategy
 * @param instrument the symbol
 * @param direction long or short
 * @param tier the size tier
 * @param score the entry score
 * @param entryTimeMs entry time, epoch ms
 * @param exitTimeMs time of the last exit, epoch ms
 * @param entryPrice average entry price
 * @param exitPrice price of the last exit
 * @param quantity entered quantity
 * @param oneR 1R in money (quantity × risk distance)
 * @param status the closing status
 * @param grossR gross pnl of every partial exit, in R
 * @param feeR fees in R (fee rate × traded notional / 1R money)
 * @param pnlR net pnl in R = grossR − feeR
 * @param pnl net pnl in money
 * @param fees fees in money
 * @param slippageBps adverse slippage against reference prices, in bps of the entry notional per
 *     side
 * @param makerRatio maker share of the filled quantity (entry and exits)
 * @param flip whether a flip opened or closed it
 * @param holdMs holding time
 * @param frictionR fees plus slippage, in R
 */
public record ClosedFlowTrade(
    String id,
    StrategyId strategyId,
    InstrumentId instrument,
    FlowDirection direction,
    FlowTier tier,
    double score,
    long entryTimeMs,
    long exitTimeMs,
    double entryPrice,
    double exitPrice,
    double quantity,
    Money oneR,
    FlowTradeStatus status,
    double grossR,
    double feeR,
    double pnlR,
    Money pnl,
    Money fees,
    double slippageBps,
    double makerRatio,
    boolean flip,
    long holdMs,
    double frictionR) {

  /** Validates the fields. */
  public ClosedFlowTrade {
    if (id == null || strategyId == null || instrument == null || status == null) {
      throw new IllegalArgumentException("id, strategy, instrument and status are required");
    }
    if (!status.closed()) {
      throw new IllegalArgumentException("a closed trade has a closed status, not " + status);
    }
  }

  /** Win = {@code pnl_r > 0}. */
  public boolean win() {
    return pnlR > 0;
  }
}
