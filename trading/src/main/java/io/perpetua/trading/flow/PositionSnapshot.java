package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;

/**
 * An open flow position as the API and the flow journal show it, read from the kernel's bracket
 * order ({@link FlowPositions}); the kernel's account and journal hold the position itself. Fields
 * the bracket does not track per position (ATR, fees, slippage, TP touch and timeout limit) are
 * NaN, 0 or {@code Long.MIN_VALUE}.
 *
 * <p>Immutable.
 *
 * @param id position id (strategy:symbol:entry time)
 * @param strategyId the strategy
 * @param instrument the symbol
 * @param direction long or short
 * @param tier the size tier
 * @param score the entry score
 * @param entryTimeMs entry time, epoch ms
 * @param signalPrice the last price when the signal fired
 * @param entryPrice the average entry fill price
 * @param atr the ATR at the signal
 * @param riskDistance 1R in price
 * @param quantity the entered quantity
 * @param remaining the open quantity
 * @param stop the stop price
 * @param tp1 the TP1 price
 * @param tp2 the TP2 price
 * @param status active or tp1_hit
 * @param deadlineMs the timeout time
 * @param realizedGross realized gross pnl, quote
 * @param fees fees paid, quote
 * @param slippageCost adverse slippage against reference prices, quote
 * @param makerQty quantity filled as maker (entry and exits)
 * @param filledQty quantity filled (entry and exits)
 * @param tpTouchMs when a TP level was touched but not traded through (Long.MIN_VALUE if not)
 * @param timeoutLimit the resting timeout limit (NaN if none)
 * @param graceDeadlineMs when the timeout limit falls back to market
 * @param flipped whether this position was opened by a flip
 * @param lastExitPrice the last exit fill price (NaN before)
 * @param lastExitMs the last exit time
 * @param tpFills TP tranches filled
 * @param tpMakerFills TP tranches filled as maker
 */
public record PositionSnapshot(
    String id,
    StrategyId strategyId,
    InstrumentId instrument,
    FlowDirection direction,
    FlowTier tier,
    double score,
    long entryTimeMs,
    double signalPrice,
    double entryPrice,
    double atr,
    double riskDistance,
    double quantity,
    double remaining,
    double stop,
    double tp1,
    double tp2,
    FlowTradeStatus status,
    long deadlineMs,
    double realizedGross,
    double fees,
    double slippageCost,
    double makerQty,
    double filledQty,
    long tpTouchMs,
    double timeoutLimit,
    long graceDeadlineMs,
    boolean flipped,
    double lastExitPrice,
    long lastExitMs,
    int tpFills,
    int tpMakerFills) {

  /** Validates the identity fields. */
  public PositionSnapshot {
    if (id == null || strategyId == null || instrument == null || direction == null) {
      throw new IllegalArgumentException("id, strategy, instrument and direction are required");
    }
    if (direction == FlowDirection.NONE || tier == null || status == null || status.closed()) {
      throw new IllegalArgumentException(
          "an open position needs a side, a tier and an open status");
    }
  }
}
