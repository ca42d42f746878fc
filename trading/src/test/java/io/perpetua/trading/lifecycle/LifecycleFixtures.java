package io.perpetua.trading.lifecycle;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.registry.RegistryStore;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/** A registry of one rank long/short strategy {@code baseline_rev} (long_n 30, short_n 30). */
public final class LifecycleFixtures {
  private LifecycleFixtures() {}

  /** The strategy's definition. */
  public static StrategyDefinition baseline() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"));
    params.put("long_n", 30);
    params.put("short_n", 30);
    return new StrategyDefinition(
        "baseline_rev",
        "baseline_rev",
        "",
        "default",
        "59 23 * * *",
        1,
        1,
        params,
        List.of("time_bar"),
        p ->
            new RankLongShortStrategy.Factory()
                .create(StrategyId.of("baseline_rev"), "default", p));
  }

  /** A single-mode registry over {@code store} with {@code baseline_rev} active. */
  public static StrategyRegistry registry(RegistryStore store, LongSupplier clock) {
    return new StrategyRegistry(
        "single", List.of(baseline()), Set.of("baseline_rev"), store, clock);
  }
}
