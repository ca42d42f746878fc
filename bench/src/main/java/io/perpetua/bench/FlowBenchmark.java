package io.perpetua.bench;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.signals.flow.FlowState;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.signals.flow.SymbolFlowConfig;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.KernelFlowStrategy;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The order-flow hot paths: {@link #stateOnTrade} applies one trade to a symbol's rolling state (24
 * h windows, percentiles, ATR, whale flow), cycling through 6 h of synthetic BTC flow with the
 * clock moving forward; {@link #engineReplay} runs v51, v52, v53 on BTC on the trading kernel
 * ({@link KernelFlowStrategy} over {@link TickKernels#simulated}: 15 s evaluations, bracket orders
 * through the execution service, risk engine, simulated venue and account, labels) over 2 h of
 * synthetic BTC ticks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowBenchmark {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final long START = 1_700_000_000_000L;

  private long[] times;
  private double[] prices;
  private double[] quantities;
  private boolean[] buys;
  private long span;
  private int index;
  private long offset;
  private FlowState state;
  private List<FlowTick> replay;

  /** Generates the flow once. */
  @Setup(Level.Trial)
  public void generate() {
    var symbols = List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000));
    List<AggTrade> trades =
        new SyntheticTickGenerator(1, START, symbols)
            .generate(6 * 3_600_000L).stream()
                .filter(AggTrade.class::isInstance)
                .map(AggTrade.class::cast)
                .toList();
    int n = trades.size();
    times = new long[n];
    prices = new double[n];
    quantities = new double[n];
    buys = new boolean[n];
    for (int i = 0; i < n; i++) {
      AggTrade t = trades.get(i);
      times[i] = t.timeMs() - START;
      prices[i] = t.price();
      quantities[i] = t.quantity();
      buys[i] = t.takerBuy();
    }
    span = times[n - 1] + 1000;
    replay = new SyntheticTickGenerator(2, START, symbols).generate(2 * 3_600_000L);
    state = new FlowState(SymbolFlowConfig.defaults(BTC));
  }

  /** A fresh kernel per replay (its own state, so its setup does not touch the other benchmark). */
  @State(Scope.Thread)
  public static class EngineState {
    KernelFlowStrategy strategy;
    TradingKernel kernel;

    /** Builds the strategy and its kernel (not measured). */
    @Setup(Level.Invocation)
    public void freshEngine() {
      strategy =
          new KernelFlowStrategy(
              FlowEngineSettings.paper("bench").withDefaultWarmupMs(75 * 60_000L),
              new FlowListener() {});
      strategy.upsertStrategy(FlowStrategyConfig.v51(StrategyId.of("v51"), BTC));
      strategy.upsertStrategy(FlowStrategyConfig.v52(StrategyId.of("v52"), BTC));
      strategy.upsertStrategy(FlowStrategyConfig.v53(StrategyId.of("v53"), BTC));
      kernel =
          TickKernels.simulated(
              List.of(Instrument.derivedFrom(BTC, 60_000)),
              null,
              new KernelListener() {},
              strategy,
              START - 60_000);
    }
  }

  /** One trade into the rolling state. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long stateOnTrade() {
    int i = index;
    state.onTrade(START + offset + times[i], prices[i], quantities[i], buys[i]);
    if (++index == times.length) {
      index = 0;
      offset += span;
    }
    return state.tradeCount();
  }

  /** The flow strategies on the kernel over 2 h of BTC ticks. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int engineReplay(EngineState es) {
    for (FlowTick t : replay) {
      es.kernel.onTick(t);
    }
    return es.strategy.openTrades() + replay.size();
  }
}
