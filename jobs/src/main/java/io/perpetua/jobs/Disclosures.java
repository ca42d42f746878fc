package io.perpetua.jobs;

import java.util.List;
import java.util.Objects;

/**
 * What a backtest report states beside the strategy's figures so they can be judged: the figures
 * before costs, benchmarks over the same range, how much funding came from the fallback rate rather
 * than recorded history, which symbols' bars are spot rather than perpetual, and the size of the
 * asset pool at each decision. Immutable.
 *
 * @param grossOfCosts metrics of the equity curve with fees and slippage added back (funding kept:
 *     it is carry, not a trading cost)
 * @param benchmarks benchmarks over the measured range, e.g. BTC buy-and-hold
 * @param fundingFromFallback share of the absolute funding amount settled at the fallback rate (NaN
 *     when no funding was settled)
 * @param spotSymbols symbols whose bars are spot, not perpetual, data (empty when none is known)
 * @param poolSizes pool size at each decision, in time order
 */
public record Disclosures(
    Metrics grossOfCosts,
    List<Benchmark> benchmarks,
    double fundingFromFallback,
    List<String> spotSymbols,
    List<PoolSize> poolSizes) {
  /**
   * A benchmark.
   *
   * @param name e.g. {@code btc_buy_and_hold}, {@code equal_weight_universe}
   * @param description how it is built
   * @param metrics its metrics over the same range (no costs, no trades)
   */
  public record Benchmark(String name, String description, Metrics metrics) {
    /** Validates. */
    public Benchmark {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(metrics, "metrics");
    }
  }

  /**
   * The pool at one decision.
   *
   * @param timeMs decision time
   * @param poolSize members
   * @param withSignal members with a signal
   */
  public record PoolSize(long timeMs, int poolSize, int withSignal) {}

  /** Copies the lists. */
  public Disclosures {
    benchmarks = List.copyOf(benchmarks);
    spotSymbols = List.copyOf(spotSymbols);
    poolSizes = List.copyOf(poolSizes);
  }

  /** Smallest and largest pool size over the run, {@code {min, max}}; {@code {0, 0}} when none. */
  public int[] poolSizeRange() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (PoolSize p : poolSizes) {
      min = Math.min(min, p.poolSize());
      max = Math.max(max, p.poolSize());
    }
    return poolSizes.isEmpty() ? new int[] {0, 0} : new int[] {min, max};
  }
}
