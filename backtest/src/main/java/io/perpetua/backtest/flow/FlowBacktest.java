package io.perpetua.backtest.flow;

import io.perpetua.backtest.metrics.MetricsCalculator;
import io.perpetua.core.StrategyId;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.TradeRecord;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowJournal;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowStatistics;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.flow.InMemoryFlowStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a factory strategy on history before it runs: replays ticks (the real tick file or
 * synthetic flow) through the same {@link FlowService} / {@code FlowEngine} the paper runtime uses,
 * with the strategy as its only strategy, and returns the closed trades, the flow statistics (R
 * based) and the platform's backtest {@link Metrics} of the money equity curve (hourly periods).
 * Stateless; each run is independent.
 */
public final class FlowBacktest {
  /** Hours in a year: the annualisation of the hourly resampled equity curve. */
  public static final int HOURS_PER_YEAR = 24 * 365;

  private static final long HOUR_MS = 3_600_000L;

  private FlowBacktest() {}

  /**
   * Runs {@code definition} over {@code ticks} (time-ordered).
   *
   * @param definition the strategy (validated)
   * @param ticks the ticks, e.g. {@code TradeFileReader.readAggTrades} or synthetic ticks
   * @param warmupMs trade history needed before the first evaluation (24 h in production; the 2 h
   *     sample file needs about 75 min)
   * @return the result
   */
  public static Result run(
      FactoryStrategyDefinition definition, Iterable<? extends FlowTick> ticks, long warmupMs) {
    FlowJournal journal = new InMemoryFlowJournal();
    FlowService service =
        new FlowService(
            FlowEngineSettings.paper("backtest").withDefaultWarmupMs(warmupMs),
            Set.of(definition.instrument()),
            journal,
            new InMemoryFlowStateStore(),
            () -> 0L);
    StrategyId id = service.create(definition).id();
    long first = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    long count = 0;
    for (FlowTick t : ticks) {
      service.onTick(t);
      first = first == Long.MIN_VALUE ? t.timeMs() : first;
      last = t.timeMs();
      count++;
    }
    List<ClosedFlowTrade> closed = journal.closedTrades(id, null);
    var evaluations =
        journal.evaluations(new FlowJournal.EvaluationQuery(id, null, 0, Long.MAX_VALUE, 1, 1));
    long entries = closed.size() + service.positions().size();
    double initial = definition.initialBalance();
    EquityCurve curve = curve(initial, closed, first, last);
    Metrics metrics =
        MetricsCalculator.compute(curve, trades(closed), new double[0], HOURS_PER_YEAR, HOUR_MS);
    return new Result(
        count,
        first,
        last,
        evaluations.totalItems(),
        entries,
        closed,
        service.positions().size(),
        FlowStatistics.of(closed),
        metrics,
        curve);
  }

  private static EquityCurve curve(
      double initial, List<ClosedFlowTrade> closed, long first, long last) {
    int n = closed.size() + 2;
    long[] ts = new long[n];
    double[] eq = new double[n];
    long start = first == Long.MIN_VALUE ? 0 : first;
    ts[0] = start;
    eq[0] = initial;
    for (int i = 0; i < closed.size(); i++) {
      ts[i + 1] = Math.max(ts[i], closed.get(i).exitTimeMs());
      eq[i + 1] = eq[i] + closed.get(i).pnl().toDouble();
    }
    ts[n - 1] = Math.max(ts[n - 2], last);
    eq[n - 1] = eq[n - 2];
    return new EquityCurve(ts, eq);
  }

  private static List<TradeRecord> trades(List<ClosedFlowTrade> closed) {
    List<TradeRecord> out = new ArrayList<>();
    for (ClosedFlowTrade t : closed) {
      double oneR = t.oneR().toDouble();
      out.add(
          new TradeRecord(
              t.instrument().apiSymbol(),
              t.direction().code(),
              t.entryTimeMs(),
              t.exitTimeMs(),
              t.quantity(),
              t.entryPrice(),
              t.exitPrice(),
              t.grossR() * oneR,
              t.fees().toDouble(),
              0,
              t.pnl().toDouble()));
    }
    return out;
  }

  /**
   * A flow backtest's result.
   *
   * @param ticks ticks replayed
   * @param fromMs first tick time
   * @param toMs last tick time
   * @param evaluations evaluations of the strategy
   * @param entries positions opened
   * @param trades closed trades, in exit order
   * @param openAtEnd positions still open at the end (not in the metrics)
   * @param statistics the R statistics of the closed trades
   * @param metrics the platform's backtest metrics of the money equity curve (hourly periods)
   * @param equity the equity curve (initial balance, then after every closed trade)
   */
  public record Result(
      long ticks,
      long fromMs,
      long toMs,
      long evaluations,
      long entries,
      List<ClosedFlowTrade> trades,
      int openAtEnd,
      FlowStatistics statistics,
      Metrics metrics,
      EquityCurve equity) {
    /** Copies the trades. */
    public Result {
      trades = List.copyOf(trades);
    }
  }
}
