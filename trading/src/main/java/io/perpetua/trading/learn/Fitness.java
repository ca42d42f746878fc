package io.perpetua.trading.learn;

import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowStatistics;
import java.util.Collection;

/**
 * A running strategy's window statistics and fitness (spec §5): {@code net_r + 0.9·net_r/days +
 * 0.6·(PF−1) + 1.25·(win_rate−0.5) − 0.35·max(12−closed, 0)}; {@code days} is the days it ran in
 * the window (at least 1); without trades PF is 1 and the win rate 0.5; a profit factor without
 * losses counts as 5.
 *
 * @param closed closed trades in the window
 * @param netR their net R
 * @param winRate their win rate
 * @param profitFactor their profit factor
 * @param signals evaluations that could open in the window
 * @param days days it ran in the window
 * @param fitness the fitness
 */
public record Fitness(
    int closed,
    double netR,
    double winRate,
    double profitFactor,
    int signals,
    double days,
    double fitness) {

  /** The fitness of {@code trades} over {@code days}. */
  public static Fitness of(Collection<ClosedFlowTrade> trades, int signals, double days) {
    FlowStatistics s = FlowStatistics.of(trades);
    int n = s.trades();
    double win = n == 0 ? 0.5 : s.winRate();
    double pf = n == 0 ? 1 : Math.min(5, s.profitFactor());
    double d = Math.max(1, days);
    double f =
        s.netR()
            + 0.9 * s.netR() / d
            + 0.6 * (pf - 1)
            + 1.25 * (win - 0.5)
            - 0.35 * Math.max(12 - n, 0);
    return new Fitness(n, s.netR(), win, pf, signals, d, f);
  }
}
