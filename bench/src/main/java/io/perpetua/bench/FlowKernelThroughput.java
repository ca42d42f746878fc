package io.perpetua.bench;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.trading.flow.ExecutionSettings;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.KernelFlowStrategy;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole-run throughput of order flow on the trading kernel, end to end: aggTrades/s through the
 * rolling state and 20 factory strategies on BTCUSDT ({@link KernelFlowStrategy} over {@link
 * TickKernels#simulated}: 15 s evaluations, bracket orders through the execution service, risk
 * engine, simulated venue and account), over synthetic ticks. Prints each run, the median, the
 * trades closed, the throughput per CPU-second of this thread (less sensitive to a shared machine's
 * load than the wall clock) and its allocation per aggTrade. {@code strategies=0} runs the tick
 * path alone (rolling state, kernel, simulated venue): the gap to 20 is the evaluations.
 *
 * <p>{@code java -cp "bench/target/perpetua-bench.jar:bench/target/lib/*"
 * io.perpetua.bench.FlowKernelThroughput [hours=6] [runs=5] [strategies=20]}
 */
public final class FlowKernelThroughput {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final long START = 1_700_000_000_000L;

  private FlowKernelThroughput() {}

  /** Runs the comparison. */
  public static void main(String[] args) {
    long hours = args.length > 0 ? Long.parseLong(args[0]) : 6;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    List<FlowTick> ticks =
        new SyntheticTickGenerator(7, START, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)))
            .generate(hours * 3_600_000L);
    long trades = ticks.stream().filter(AggTrade.class::isInstance).count();
    AggTrade first = (AggTrade) ticks.stream().filter(AggTrade.class::isInstance).findFirst().get();
    List<Instrument> instruments = List.of(Instrument.derivedFrom(BTC, first.price()));
    System.out.printf(
        Locale.ROOT,
        "%d h synthetic BTCUSDT: %d ticks, %d aggTrades%n",
        hours,
        ticks.size(),
        trades);
    double[] kernel = new double[runs];
    long[] result = new long[3];
    for (int r = 0; r < runs; r++) {
      kernel[r] = trades / kernelRun(ticks, instruments, count, result);
      System.out.printf(
          Locale.ROOT,
          "run %d, %d strategies: kernel %.3f M aggTrades/s, %.3f M per CPU-second (%d trades"
              + " closed, %d bytes allocated per aggTrade)%n",
          r + 1,
          count,
          kernel[r] / 1e6,
          trades / (result[2] / 1e9) / 1e6,
          result[0],
          result[1] / trades);
    }
    System.out.printf(Locale.ROOT, "median: kernel %.3f M aggTrades/s%n", median(kernel) / 1e6);
  }

  static FlowEngineSettings settings() {
    return FlowEngineSettings.paper("bench")
        .withDefaultWarmupMs(75 * 60_000L)
        .withExecution(ExecutionSettings.maker(0.1));
  }

  /** {@code count} factory strategies: v51, v52, v53 and variants with lower entry scores. */
  static List<FlowStrategyConfig> strategies(int count) {
    List<FlowStrategyConfig> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      StrategyId id = StrategyId.of("f" + k);
      FlowStrategyConfig c =
          switch (k % 3) {
            case 0 -> FlowStrategyConfig.v51(id, BTC);
            case 1 -> FlowStrategyConfig.v52(id, BTC);
            default -> FlowStrategyConfig.v53(id, BTC);
          };
      double entry = c.entryScore() - k;
      out.add(c.withScores(entry, Math.max(entry, c.heavyScore() - k), c.flipScore()));
    }
    return out;
  }

  private static double kernelRun(
      List<FlowTick> ticks, List<Instrument> instruments, int count, long[] result) {
    long[] closed = new long[1];
    KernelFlowStrategy s =
        new KernelFlowStrategy(
            settings(),
            new FlowListener() {
              @Override
              public void onTradeClosed(io.perpetua.trading.flow.ClosedFlowTrade t) {
                closed[0]++;
              }
            });
    strategies(count).forEach(s::upsertStrategy);
    TradingKernel k =
        TickKernels.simulated(instruments, null, new KernelListener() {}, s, START - 60_000);
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = bean.getCurrentThreadCpuTime();
    long bytes0 = allocatedBytes();
    long t0 = System.nanoTime();
    for (FlowTick t : ticks) {
      k.onTick(t);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    result[0] = closed[0];
    result[1] = allocatedBytes() - bytes0;
    result[2] = bean.getCurrentThreadCpuTime() - cpu0;
    return seconds;
  }

  /** Bytes this thread allocated so far (-1 when the JVM does not say). */
  private static long allocatedBytes() {
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    return bean instanceof com.sun.management.ThreadMXBean b
        ? b.getCurrentThreadAllocatedBytes()
        : -1;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
