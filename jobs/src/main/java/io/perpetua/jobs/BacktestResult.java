package io.perpetua.jobs;

import java.util.List;
import java.util.Objects;

/**
 * Everything a backtest produced.
 *
 * @param request what was run
 * @param metrics performance metrics
 * @param equity equity at every bar close
 * @param trades closed round trips
 * @param costs cost breakdown
 * @param attribution per-symbol attribution
 * @param activity rebalances, orders sent, rejections by rule, skipped symbols
 * @param symbolBars symbol-bars processed
 * @param elapsedMs wall time
 * @param disclosures gross-of-cost figures, benchmarks, data caveats, pool sizes (null when the
 *     runner does not produce them)
 */
public record BacktestResult(
    BacktestRequest request,
    Metrics metrics,
    EquityCurve equity,
    List<TradeRecord> trades,
    CostBreakdown costs,
    List<SymbolAttribution> attribution,
    RunActivity activity,
    long symbolBars,
    long elapsedMs,
    Disclosures disclosures) {
  /** A result without disclosures. */
  public BacktestResult(
      BacktestRequest request,
      Metrics metrics,
      EquityCurve equity,
      List<TradeRecord> trades,
      CostBreakdown costs,
      List<SymbolAttribution> attribution,
      RunActivity activity,
      long symbolBars,
      long elapsedMs) {
    this(
        request,
        metrics,
        equity,
        trades,
        costs,
        attribution,
        activity,
        symbolBars,
        elapsedMs,
        null);
  }

  /** Copies the lists. */
  public BacktestResult {
    trades = List.copyOf(trades);
    attribution = List.copyOf(attribution);
    Objects.requireNonNull(activity, "activity");
  }

  /** Orders sent to the venue (after the pre-trade checks). */
  public int orders() {
    return activity.ordersSent();
  }

  /** Rebalances performed. */
  public int rebalances() {
    return activity.rebalances();
  }
}
