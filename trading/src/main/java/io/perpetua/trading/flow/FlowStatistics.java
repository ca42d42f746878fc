package io.perpetua.trading.flow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Statistics of a set of closed trades (spec §4): trades, win rate, average win/loss in R, payoff
 * ratio, profit factor, net R and money, per-trade Sharpe of pnl_r, maximum drawdown of the
 * cumulative R curve, and the same counts broken down by exit type, direction, score band (10
 * points wide) and hour of day (UTC, of the entry). Only closed trades exist here, so "still open"
 * trades can never be counted as closed.
 *
 * <p>Immutable.
 *
 * @param trades number of trades
 * @param winRate share with {@code pnl_r > 0} (NaN without trades)
 * @param averageWinR mean pnl_r of wins (NaN without wins)
 * @param averageLossR mean pnl_r of losses, ≤ 0 (NaN without losses)
 * @param payoffRatio {@code averageWinR / |averageLossR|}
 * @param profitFactor gross wins / |gross losses| in R (∞ without losses)
 * @param netR sum of pnl_r
 * @param netMoney sum of pnl in money
 * @param feesR sum of fee_r
 * @param sharpe mean / standard deviation of pnl_r per trade (NaN below 2 trades)
 * @param maxDrawdownR largest peak-to-trough fall of cumulative pnl_r in exit order
 * @param byExit trades, wins and net R per exit status code
 * @param byDirection per direction code
 * @param byScoreBand per score band ({@code 70-80}, ...)
 * @param byHour per entry hour (UTC)
 */
public record FlowStatistics(
    int trades,
    double winRate,
    double averageWinR,
    double averageLossR,
    double payoffRatio,
    double profitFactor,
    double netR,
    double netMoney,
    double feesR,
    double sharpe,
    double maxDrawdownR,
    Map<String, Bucket> byExit,
    Map<String, Bucket> byDirection,
    Map<String, Bucket> byScoreBand,
    Map<Integer, Bucket> byHour) {

  /**
   * A breakdown cell.
   *
   * @param trades trades
   * @param wins wins
   * @param netR net R
   */
  public record Bucket(int trades, int wins, double netR) {}

  /** Copies the maps. */
  public FlowStatistics {
    byExit = Map.copyOf(byExit);
    byDirection = Map.copyOf(byDirection);
    byScoreBand = Map.copyOf(byScoreBand);
    byHour = Map.copyOf(byHour);
  }

  /** The statistics of {@code closed} (in exit order for the drawdown). */
  public static FlowStatistics of(Collection<ClosedFlowTrade> closed) {
    List<ClosedFlowTrade> list =
        closed.stream()
            .sorted(java.util.Comparator.comparingLong(ClosedFlowTrade::exitTimeMs))
            .toList();
    int n = list.size();
    double winSum = 0;
    double lossSum = 0;
    int wins = 0;
    double net = 0;
    double money = 0;
    double fees = 0;
    double sumSq = 0;
    double peak = 0;
    double maxDd = 0;
    for (ClosedFlowTrade t : list) {
      double r = t.pnlR();
      if (t.win()) {
        wins++;
        winSum += r;
      } else {
        lossSum += r;
      }
      net += r;
      money += t.pnl().toDouble();
      fees += t.feeR();
      sumSq += r * r;
      peak = Math.max(peak, net);
      maxDd = Math.max(maxDd, peak - net);
    }
    int losses = n - wins;
    double mean = n > 0 ? net / n : Double.NaN;
    double var = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : Double.NaN;
    double avgWin = wins > 0 ? winSum / wins : Double.NaN;
    double avgLoss = losses > 0 ? lossSum / losses : Double.NaN;
    return new FlowStatistics(
        n,
        n > 0 ? (double) wins / n : Double.NaN,
        avgWin,
        avgLoss,
        avgWin / Math.abs(avgLoss),
        lossSum < 0 ? winSum / -lossSum : Double.POSITIVE_INFINITY,
        net,
        money,
        fees,
        n > 1 && var > 0 ? mean / Math.sqrt(var) : Double.NaN,
        maxDd,
        group(list, t -> t.status().code()),
        group(list, t -> t.direction().code()),
        group(list, FlowStatistics::band),
        group(list, t -> Instant.ofEpochMilli(t.entryTimeMs()).atZone(ZoneOffset.UTC).getHour()));
  }

  private static String band(ClosedFlowTrade t) {
    int lo = (int) Math.min(90, Math.floor(t.score() / 10) * 10);
    return lo + "-" + (lo + 10);
  }

  private static <K extends Comparable<K>> Map<K, Bucket> group(
      List<ClosedFlowTrade> list, Function<ClosedFlowTrade, K> key) {
    Map<K, List<ClosedFlowTrade>> groups =
        list.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    Map<K, Bucket> out = new LinkedHashMap<>();
    groups.forEach(
        (k, ts) ->
            out.put(
                k,
                new Bucket(
                    ts.size(),
                    (int) ts.stream().filter(ClosedFlowTrade::win).count(),
                    ts.stream().mapToDouble(ClosedFlowTrade::pnlR).sum())));
    return out;
  }
}
