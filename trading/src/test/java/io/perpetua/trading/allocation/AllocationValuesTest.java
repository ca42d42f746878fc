package io.perpetua.trading.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Capital weights, return series windows and market volatility: hand-computed values. */
class AllocationValuesTest {
  private static final long DAY = 86_400_000L;

  private static StrategyDefinition def(String name, double weight) {
    return new StrategyDefinition(
        name,
        name,
        "",
        "default",
        "59 23 * * *",
        1,
        weight,
        Map.of(
            "features",
            List.of("zscore_ret_24h"),
            "feature_weights",
            List.of(1.0),
            "long_n",
            2,
            "short_n",
            2),
        List.of("time_bar"),
        p -> new RankLongShortStrategy.Factory().create(StrategyId.of(name), "default", p));
  }

  private static StrategyRegistry registry(String mode, double a, double b) {
    return new StrategyRegistry(
        mode,
        List.of(def("a", a), def("b", b)),
        StrategyRegistry.SINGLE.equals(mode) ? Set.of("a") : Set.of("a", "b"),
        new InMemoryRegistryStore(),
        () -> 1L);
  }

  @Test
  void capitalWeights_validateEachWeightAndTheSum() {
    CapitalWeights w = new CapitalWeights();
    assertThat(w.current()).isEmpty();
    assertThat(w.weight("a")).isEmpty();
    Map<String, Double> full = new LinkedHashMap<>();
    full.put("a", 0.0);
    full.put("b", 1.0);
    w.set(full);
    assertThat(w.current()).containsExactly(Map.entry("a", 0.0), Map.entry("b", 1.0));
    assertThat(w.weight("b")).contains(1.0);
    for (double bad : new double[] {-1e-12, 1.0000001, Double.NaN}) {
      assertThatThrownBy(() -> w.set(Map.of("c", bad))).hasMessage("weight of c must be in [0, 1]");
    }
    w.set(Map.of("a", 0.5, "b", 0.5 + 1e-10));
    assertThat(w.weight("a")).contains(0.5);
    assertThatThrownBy(() -> w.set(Map.of("a", 0.6, "b", 0.5)))
        .hasMessageStartingWith("weights sum to 1.1")
        .hasMessageEndingWith(" > 1");
    assertThat(w.weight("a")).as("a refused set keeps the weights").contains(0.5);
    assertThatThrownBy(() -> w.current().put("x", 0.1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void share_singleModeTradesEverything_ensembleUsesAllocatorOrConfiguredWeights() {
    CapitalWeights w = new CapitalWeights();
    assertThat(CapitalWeights.share(null, w, "a")).isEqualTo(1.0);
    assertThat(CapitalWeights.share(registry(StrategyRegistry.SINGLE, 1, 3), w, "a"))
        .isEqualTo(1.0);
    StrategyRegistry ensemble = registry(StrategyRegistry.ENSEMBLE, 1, 3);
    assertThat(CapitalWeights.share(ensemble, w, "a")).isEqualTo(0.25);
    assertThat(CapitalWeights.share(ensemble, null, "b")).isEqualTo(0.75);
    w.set(Map.of("a", 0.4));
    assertThat(CapitalWeights.share(ensemble, w, "a")).isEqualTo(0.4);
    assertThat(CapitalWeights.share(ensemble, w, "b")).as("no allocator weight").isEqualTo(0.75);
    assertThat(CapitalWeights.configured(registry(StrategyRegistry.ENSEMBLE, 0, 0), "a"))
        .isEqualTo(0.0);
  }

  @Test
  void returnSeries_fromNav_andItsWindows() {
    ReturnSeries s =
        ReturnSeries.fromNav(
            "a", new long[] {0, DAY, 2 * DAY, 3 * DAY}, new double[] {100, 110, 0, 5});
    assertThat(s.timesMs()).containsExactly(DAY, 2 * DAY, 3 * DAY);
    assertThat(s.returns()[0]).isCloseTo(0.1, offset(1e-12));
    assertThat(s.returns()[1]).isCloseTo(-1.0, offset(1e-12));
    assertThat(s.returns()[2]).as("after a NAV of 0").isEqualTo(0.0);
    assertThat(ReturnSeries.fromNav("a", new long[] {5}, new double[] {1}).size()).isZero();
    assertThat(ReturnSeries.fromNav("a", new long[0], new double[0]).size()).isZero();

    long[] t = {DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY};
    ReturnSeries r = new ReturnSeries("a", t, new double[] {1, 2, 3, 4, 5});
    AllocationConfig days = AllocationConfigEdgesTest.with("windowSize", 2);
    // days: the returns after now - 2 days, up to now (inclusive)
    assertThat(r.window(days, 4 * DAY).returns()).containsExactly(3, 4);
    assertThat(r.window(days, 4 * DAY + 1).returns()).containsExactly(3, 4);
    assertThat(r.window(days, 4 * DAY - 1).returns()).containsExactly(2, 3);
    assertThat(r.window(days, 0).size()).isZero();
    AllocationConfig trades = AllocationConfigEdgesTest.with("windowUnit", "trades").withSeed(1);
    AllocationConfig lastThree = withWindow(trades, 3);
    assertThat(lastThree.windowInTrades()).isTrue();
    assertThat(r.window(lastThree, 5 * DAY).returns()).containsExactly(3, 4, 5);
    assertThat(r.window(lastThree, 2 * DAY).returns()).containsExactly(1, 2);
    assertThat(r.window(lastThree, 2 * DAY).timesMs()).containsExactly(DAY, 2 * DAY);
  }

  private static AllocationConfig withWindow(AllocationConfig c, int size) {
    return new AllocationConfig(
        c.policy(),
        c.risk(),
        c.windowUnit(),
        size,
        c.minObservations(),
        c.ucbC(),
        c.temperature(),
        c.cooldownMs(),
        c.maxCooled(),
        c.probationWeight(),
        c.probationSteps(),
        c.maxStepFraction(),
        c.minMove(),
        c.costBps(),
        c.maxWeight(),
        c.correlationThreshold(),
        c.correlationCut(),
        c.volSpikeRatio(),
        c.targetVol(),
        c.seed());
  }

  @Test
  void returnSeries_validatesCopiesAndComparesByValue() {
    long[] t = {1, 2};
    double[] r = {0.1, 0.2};
    ReturnSeries s = new ReturnSeries("a", t, r);
    t[0] = 99;
    r[0] = 9;
    assertThat(s.timesMs()[0]).isEqualTo(1);
    assertThat(s.returns()[0]).isEqualTo(0.1);
    ReturnSeries same = new ReturnSeries("a", new long[] {1, 2}, new double[] {0.1, 0.2});
    assertThat(s).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(s).isNotEqualTo(new ReturnSeries("b", new long[] {1, 2}, new double[] {0.1, 0.2}));
    assertThat(s).isNotEqualTo(new ReturnSeries("a", new long[] {1, 3}, new double[] {0.1, 0.2}));
    assertThat(s).isNotEqualTo(new ReturnSeries("a", new long[] {1, 2}, new double[] {0.1, 0.3}));
    assertThat(s).isNotEqualTo("a");
    assertThat(s.toString()).isEqualTo("ReturnSeries[a, 2 returns]");
    assertThatThrownBy(() -> new ReturnSeries("a", new long[] {1}, new double[0]))
        .hasMessage("a: one time per return");
    assertThatThrownBy(() -> new ReturnSeries(null, new long[0], new double[0]))
        .hasMessage("strategy");
  }

  @Test
  void marketVol_shortAndLongWindows() {
    double[] r = {0.05, -0.05, 0.01, -0.01, 0.01};
    MarketVol v = MarketVol.of(r, 2, 4);
    assertThat(v.shortVol()).isCloseTo(Rewards.sd(new double[] {-0.01, 0.01}), offset(1e-15));
    assertThat(v.longVol())
        .isCloseTo(Rewards.sd(new double[] {-0.05, 0.01, -0.01, 0.01}), offset(1e-15));
    assertThat(v.ratio()).isCloseTo(v.shortVol() / v.longVol(), offset(1e-15));
    assertThat(MarketVol.of(r, 2, 10).longVol())
        .as("a long window past the start takes every return")
        .isCloseTo(Rewards.sd(r), offset(1e-15));
    assertThat(MarketVol.of(r, 5, 5).shortVol()).isCloseTo(Rewards.sd(r), offset(1e-15));
    assertThat(MarketVol.of(r, 6, 6)).as("too few returns").isEqualTo(MarketVol.UNKNOWN);
    assertThat(MarketVol.of(r, 1, 4)).as("a one-return window").isEqualTo(MarketVol.UNKNOWN);
    assertThat(MarketVol.of(r, 3, 2)).as("long shorter than short").isEqualTo(MarketVol.UNKNOWN);
    assertThat(MarketVol.of(new double[] {0.1}, 2, 2)).isEqualTo(MarketVol.UNKNOWN);
    assertThat(new MarketVol(0.1, 0).ratio()).isNaN();
    assertThat(MarketVol.UNKNOWN.ratio()).isNaN();
    assertThat(new MarketVol(0.3, 0.1).ratio()).isCloseTo(3.0, offset(1e-12));
  }
}
