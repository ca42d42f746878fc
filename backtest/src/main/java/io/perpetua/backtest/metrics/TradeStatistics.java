package io.perpetua.backtest.metrics;

import io.perpetua.jobs.TradeRecord;
import java.util.List;

/**
 * Statistics of closed round trips, on their net PnL (after fees and funding). Immutable.
 *
 * @param count closed trades
 * @param winRate share of trades with net PnL &gt; 0 (break-even trades count as non-wins); {@code
 *     NaN} without trades
 * @param profitFactor gross profit / gross loss (sums of positive and of |negative| net PnL);
 *     {@code +Infinity} when there are profits but no loss, {@code NaN} when both sums are 0
 * @param expectedValue mean net PnL per trade, USDT; {@code NaN} without trades
 * @param avgDurationSeconds mean of {@code exit − entry} time, seconds; {@code NaN} without trades
 * @param grossProfit sum of the positive net PnLs, USDT
 * @param grossLoss sum of the absolute negative net PnLs, USDT (≥ 0)
 */
public record TradeStatistics(
    int count,
    double winRate,
    double profitFactor,
    double expectedValue,
    double avgDurationSeconds,
    double grossProfit,
    double grossLoss) {

  /** Computes the statistics of {@code trades} in one pass. */
  public static TradeStatistics of(List<TradeRecord> trades) {
    int n = trades.size();
    int wins = 0;
    double profit = 0;
    double loss = 0;
    double net = 0;
    double durationMs = 0;
    for (int i = 0; i < n; i++) {
      TradeRecord t = trades.get(i);
      double pnl = t.netPnl();
      net += pnl;
      if (pnl > 0) {
        wins++;
        profit += pnl;
      } else if (pnl < 0) {
        loss -= pnl;
      }
      durationMs += t.exitTimeMs() - t.entryTimeMs();
    }
    if (n == 0) {
      return new TradeStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }
    return new TradeStatistics(
        n,
        (double) wins / n,
        profitFactor(profit, loss),
        net / n,
        durationMs / n / 1000.0,
        profit,
        loss);
  }

  private static double profitFactor(double profit, double loss) {
    if (loss > 0) {
      return profit / loss;
    }
    return profit > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
  }
}
