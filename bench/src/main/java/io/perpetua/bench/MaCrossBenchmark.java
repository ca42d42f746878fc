package io.perpetua.bench;

import io.perpetua.bench.macross.BareLoopMaCross;
import io.perpetua.bench.macross.KernelMaCross;
import io.perpetua.bench.macross.MaCrossData;
import io.perpetua.bench.macross.SyntheticBars;
import io.perpetua.bench.macross.TradeList;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.strategy.MaCrossStrategy;
import io.perpetua.signals.strategy.StrategyDecision;
import io.perpetua.trading.kernel.MarketPanel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The MA-cross rule (fast 12, slow 48) over a synthetic hourly set of {@value #SYMBOLS} symbols ×
 * {@value #BARS} bars (every symbol on every bar), reported in ns per symbol-bar: the bare loop,
 * the strategy alone decided once per bar with its incremental state, the alternative of re-reading
 * both windows from the view at every bar, and the whole kernel (one run over the panel, one run
 * per symbol). Run with {@code ./perpetua jmh MaCrossBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaCrossBenchmark {
  static final int SYMBOLS = 20;
  static final int BARS = 4_380;
  private static final int SYMBOL_BARS = SYMBOLS * BARS;
  private static final int FAST = 12;
  private static final int SLOW = 48;

  private MaCrossData data;
  private double[][] closes;
  private PanelMarketView view;
  private boolean[] pool;

  /** Builds the synthetic set. */
  @Setup
  public void setup() {
    data = SyntheticBars.of(SYMBOLS, BARS, 7, false);
    closes = new double[SYMBOLS][];
    for (int s = 0; s < SYMBOLS; s++) {
      closes[s] = data.closes(s);
    }
    MarketPanel p = data.panel();
    view = new PanelMarketView(p.instruments(), p.openTimes(), p.barMillis(), p.close(), p.close());
    pool = new boolean[SYMBOLS];
    Arrays.fill(pool, true);
    if (data.symbolBars() != SYMBOL_BARS) {
      throw new IllegalStateException("synthetic set has " + data.symbolBars() + " symbol-bars");
    }
  }

  /** The bare loop over every symbol's closes. */
  @Benchmark
  @OperationsPerInvocation(SYMBOL_BARS)
  public TradeList bareLoop() {
    return BareLoopMaCross.run(data.symbols(), closes, FAST, SLOW);
  }

  /** {@link MaCrossStrategy#decide} once per bar over the panel: incremental sums. */
  @Benchmark
  @OperationsPerInvocation(SYMBOL_BARS)
  public void strategyIncremental(Blackhole bh) {
    MaCrossStrategy s = new MaCrossStrategy(StrategyId.of("ma"), "all", FAST, SLOW, 1.0);
    for (int t = 0; t < BARS; t++) {
      view.moveTo(t, data.panel().closeTime(t));
      StrategyDecision d = s.decide(view, pool, List.of());
      bh.consume(d);
    }
  }

  /**
   * The alternative to incremental state: at every bar re-read each instrument's last {@code slow}
   * closes from the view (skipping gaps) and compare the sums (the comparison and the state machine
   * are left out, so this is a lower bound of that design).
   */
  @Benchmark
  @OperationsPerInvocation(SYMBOL_BARS)
  public void strategyFromViewCloses(Blackhole bh) {
    for (int t = 0; t < BARS; t++) {
      view.moveTo(t, data.panel().closeTime(t));
      for (int i = 0; i < SYMBOLS; i++) {
        long fastSum = 0;
        long slowSum = 0;
        int found = 0;
        for (int ago = 0; ago < view.history() && found < SLOW; ago++) {
          double c = view.close(i, ago);
          if (c > 0) {
            long p = Math.round(c * 1e8);
            slowSum += p;
            if (found < FAST) {
              fastSum += p;
            }
            found++;
          }
        }
        bh.consume(fastSum * SLOW - slowSum * FAST);
      }
    }
  }

  /** The kernel, one run over the panel. */
  @Benchmark
  @OperationsPerInvocation(SYMBOL_BARS)
  public KernelMaCross.Result kernelPanel() {
    return KernelMaCross.run(data, KernelMaCross.Mode.PANEL, FAST, SLOW);
  }

  /** The kernel, one run per symbol. */
  @Benchmark
  @OperationsPerInvocation(SYMBOL_BARS)
  public KernelMaCross.Result kernelPerSymbol() {
    return KernelMaCross.run(data, KernelMaCross.Mode.PER_SYMBOL, FAST, SLOW);
  }
}
