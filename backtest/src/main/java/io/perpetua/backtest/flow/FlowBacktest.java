package io.perpetua.backtest.flow;

import io.perpetua.analytics.metrics.MetricsCalculator;
import io.perpetua.core.Instrument;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.TradeRecord;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.TickValidator;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.FlowStatistics;
import io.perpetua.trading.flow.KernelFlowStrategy;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.InMemoryTradingJournal;
import io.perpetua.trading.port.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a factory strategy on history before it runs: replays ticks (the real tick file or
 * synthetic flow) through the trading kernel ({@link TickKernels#simulated}: the strategy as a
 * {@link KernelFlowStrategy}, its decisions as bracket orders through the kernel's execution
 * service, risk engine and tick-driven {@code SimulatedVenue}, default fees and slippage), and
 * returns the closed trades in R computed from the kernel's fills, the kernel's orders and fills,
 * the flow statistics and the platform's backtest {@link Metrics} of the money equity curve (hourly
 * periods). The instrument's tick and step sizes are derived from its first trade price ({@link
 * Instrument#derivedFrom}); quantities are rounded down to the step. Labels are not produced on
 * this path. Stateless; each run is independent.
 */
public final class FlowBacktest {
  /** Hours in a year: the annualisation of the hourly resampled equity curve. */
  public static final int HOURS_PER_YEAR = 24 * 365;

  private static final long HOUR_MS = 3_600_000L;
  private static final StrategyId STRATEGY = StrategyId.of("factory-1");

  private FlowBacktest() {}

  /**
   * Runs {@code definition} over {@code ticks} (time-ordered). Hostile ticks (duplicate or
   * out-of-order trade ids, times going backwards) are rejected by a {@link TickValidator}, logged
   * and not counted.
   *
   * @param definition the strategy (validated)
   * @param ticks the ticks, e.g. {@code TradeFileReader.readAggTrades} or synthetic ticks
   * @param warmupMs trade history needed before the first evaluation (24 h in production; the 2 h
   *     sample file needs about 75 min)
   * @return the result
   */
  public static Result run(
      FactoryStrategyDefinition definition, Iterable<? extends FlowTick> ticks, long warmupMs) {
    definition.checkContext(Set.of(definition.instrument()), Set.of());
    Collector listener = new Collector();
    List<ClosedFlowTrade> closed = listener.closed;
    KernelFlowStrategy strategy =
        new KernelFlowStrategy(
            FlowEngineSettings.paper("backtest").withDefaultWarmupMs(warmupMs), listener);
    strategy.upsertStrategy(definition.toConfig(STRATEGY, "1"));
    InMemoryTradingJournal journal = new InMemoryTradingJournal();
    TradingKernel kernel = null;
    List<FlowTick> early = new ArrayList<>(); // ticks before the symbol's first trade price
    long first = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    long count = 0;
    TickValidator validator = new TickValidator("flow backtest");
    for (FlowTick t : ticks) {
      if (!validator.accept(t)) {
        continue; // hostile: never reaches the kernel
      }
      first = first == Long.MIN_VALUE ? t.timeMs() : first;
      last = t.timeMs();
      count++;
      if (kernel == null) {
        if (!(t instanceof AggTrade a && a.instrument().equals(definition.instrument()))) {
          early.add(t);
          continue;
        }
        // the instrument's tick and step sizes come from its first trade price
        Instrument inst = Instrument.derivedFrom(a.instrument(), a.price());
        kernel =
            TickKernels.simulated(
                List.of(inst), journal, new KernelListener() {}, strategy, first - 1);
        early.forEach(kernel::onTick);
      }
      kernel.onTick(t);
    }
    long entries = closed.size() + strategy.openTrades();
    double initial = definition.initialBalance();
    EquityCurve curve = curve(initial, closed, first, last);
    Metrics metrics =
        MetricsCalculator.compute(curve, trades(closed), new double[0], HOURS_PER_YEAR, HOUR_MS);
    return new Result(
        count,
        first,
        last,
        listener.evaluations,
        entries,
        closed,
        strategy.openTrades(),
        FlowStatistics.of(closed),
        metrics,
        curve,
        oldestFirst(journal.recentOrders(Integer.MAX_VALUE)),
        oldestFirst(journal.recentFills(Integer.MAX_VALUE)));
  }

  /** Counts the evaluations and keeps the closed trades (in exit order). */
  private static final class Collector implements FlowListener {
    final List<ClosedFlowTrade> closed = new ArrayList<>();
    long evaluations;

    @Override
    public void onEvaluation(FlowEvaluation evaluation) {
      evaluations++;
    }

    @Override
    public void onTradeClosed(ClosedFlowTrade trade) {
      closed.add(trade);
    }
  }

  private static <T> List<T> oldestFirst(List<T> newestFirst) {
    List<T> out = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(out);
    return out;
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
   * @param orders the kernel's orders (final records), in the order they were sent
   * @param fills the kernel's fills, in the order they happened
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
      EquityCurve equity,
      List<OrderRecord> orders,
      List<Fill> fills) {
    /** Copies the lists. */
    public Result {
      trades = List.copyOf(trades);
      orders = List.copyOf(orders);
      fills = List.copyOf(fills);
    }
  }
}
