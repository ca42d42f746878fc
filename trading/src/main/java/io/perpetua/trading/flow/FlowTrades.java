package io.perpetua.trading.flow;

import io.perpetua.core.Money;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;
import io.perpetua.trading.kernel.algo.BracketResult;

/** Closed flow trades from the kernel's bracket results (R from the kernel's fills). Stateless. */
final class FlowTrades {
  private FlowTrades() {}

  /**
   * The closed trade of a finished bracket: 1R = entered × stop distance; gross, fees and net from
   * the bracket's fills; {@code exitPrice} is the average exit; slippage is the entry's adverse
   * move from the signal price ({@code entrySlipPerUnit}), in bps of the entry notional per side.
   */
  static ClosedFlowTrade closed(
      BracketResult r,
      FlowDirection direction,
      FlowTier tier,
      double score,
      boolean flipped,
      double entrySlipPerUnit) {
    FlowTradeStatus status =
        switch (r.exit()) {
          case TP -> FlowTradeStatus.TP;
          case SL -> FlowTradeStatus.SL;
          case SL_BE -> FlowTradeStatus.SL_BE;
          case TIMEOUT -> FlowTradeStatus.TIMEOUT;
          case FLATTEN -> FlowTradeStatus.SIGNAL_FLIP;
          default -> throw new IllegalArgumentException("not a closed trade: " + r.exit());
        };
    double qty = r.entered().toDouble();
    double oneR = r.riskMoney();
    double gross = r.grossPnl().toDouble();
    double fees = r.fees().toDouble();
    double slipCost = entrySlipPerUnit * qty;
    double entryNotional = r.entryAverage() * qty;
    return new ClosedFlowTrade(
        r.key(),
        r.strategy(),
        r.instrument(),
        direction,
        tier,
        score,
        r.openedMs(),
        r.closedMs(),
        r.entryAverage(),
        r.exitAverage(),
        qty,
        Money.of(oneR),
        status,
        gross / oneR,
        fees / oneR,
        (gross - fees) / oneR,
        r.netPnl(),
        r.fees(),
        slipCost / (entryNotional * 2) * 1e4,
        r.filledQuantity() > 0 ? r.makerQuantity() / r.filledQuantity() : 0,
        flipped || status == FlowTradeStatus.SIGNAL_FLIP,
        r.closedMs() - r.openedMs(),
        (fees + slipCost) / oneR);
  }
}
