package io.perpetua.bench;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.feature.CrossSectionalFeature;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.signals.strategy.StrategyDecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-bar cross-sectional work of {@code baseline_rev}: two return z-score features over the
 * pool and the ranked long/short decision, for {@code symbols} instruments (target: ≤ 1 ms for
 * 500).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CrossSectionBenchmark {
  @Param({"100", "500"})
  int symbols;

  private PanelMarketView view;
  private boolean[] pool;
  private CrossSectionalFeature f2h;
  private CrossSectionalFeature f4h;
  private double[] scratch;
  private double[] v2h;
  private double[] v4h;
  private RankLongShortStrategy strategy;

  /** Builds a 200-bar random-walk panel. */
  @Setup
  public void setup() {
    int bars = 200;
    SplittableRandom rnd = new SplittableRandom(1);
    List<InstrumentId> ids = new ArrayList<>();
    for (int i = 0; i < symbols; i++) {
      ids.add(InstrumentId.usdtPerp("S" + i));
    }
    long[] times = new long[bars];
    double[] close = new double[bars * symbols];
    double[] vol = new double[bars * symbols];
    for (int i = 0; i < symbols; i++) {
      double p = 100;
      for (int t = 0; t < bars; t++) {
        p *= Math.exp(rnd.nextGaussian() * 0.01);
        close[t * symbols + i] = p;
        vol[t * symbols + i] = 1e6;
      }
    }
    for (int t = 0; t < bars; t++) {
      times[t] = t * 3_600_000L;
    }
    view = new PanelMarketView(ids, times, 3_600_000L, close, vol);
    view.moveTo(bars - 1, bars * 3_600_000L);
    pool = new boolean[symbols];
    Arrays.fill(pool, true);
    FeatureRegistry registry = new FeatureRegistry();
    f2h = registry.resolve("zscore_neg_ret_2h");
    f4h = registry.resolve("zscore_neg_ret_4h");
    scratch = new double[symbols];
    v2h = new double[symbols];
    v4h = new double[symbols];
    strategy =
        new RankLongShortStrategy(
            StrategyId.of("baseline_rev"),
            "default",
            List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"),
            new double[] {0.5, 0.5},
            30,
            30,
            1.0);
  }

  /** Features and decision for one bar. */
  @Benchmark
  public StrategyDecision featuresAndSignal() {
    f2h.compute(view, pool, scratch, v2h);
    f4h.compute(view, pool, scratch, v4h);
    return strategy.decide(view, pool, List.of(v2h, v4h));
  }
}
