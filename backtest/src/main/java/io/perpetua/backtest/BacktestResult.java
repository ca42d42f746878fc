package io.perpetua.backtest;

import java.util.List;

/**
 * Everything a backtest produced.
 *
 * @param request what was run
 * @param metrics performance metrics
 * @param equity equity at every bar close
 * @param trades closed round trips
 * @param costs cost breakdown
 * @param attribution per-symbol attribution
 * @param orders orders sent
 * @param rebalances rebalances performed
 * @param symbolBars symbol-bars processed
 * @param elapsedMs wall time
 */
public record BacktestResult(
    BacktestRequest request,
    Metrics metrics,
    EquityCurve equity,
    List<TradeRecord> trades,
    CostBreakdown costs,
    List<SymbolAttribution> attribution,
    int orders,
    int rebalances,
    long symbolBars,
    long elapsedMs) {
  /** Copies the lists. */
  public BacktestResult {
    trades = List.copyOf(trades);
    attribution = List.copyOf(attribution);
  }
}
