package io.perpetua.trading.allocation;

import io.perpetua.trading.registry.StrategyRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The capital weights the kernel's strategy sleeves trade on: each sleeve's targets are sized on
 * its weight times the account's equity. Until the allocator sets weights the configured ones hold
 * ({@link #configured}); the allocator's weights apply in ensemble mode only (single mode trades
 * one strategy on the whole account). The rest of the capital stays in cash. Thread-safe: the
 * allocator writes, the kernel thread reads at its rebalances.
 */
public final class CapitalWeights {
  private volatile Map<String, Double> weights = Map.of();

  /** The allocator's weights (empty: the configured ones hold). */
  public Map<String, Double> current() {
    return weights;
  }

  /** Replaces the weights (each in [0, 1], summing to at most 1). */
  public void set(Map<String, Double> values) {
    double sum = 0;
    for (var e : values.entrySet()) {
      double w = e.getValue();
      if (!(w >= 0 && w <= 1)) {
        throw new IllegalArgumentException("weight of " + e.getKey() + " must be in [0, 1]");
      }
      sum += w;
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("weights sum to " + sum + " > 1");
    }
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The allocator's weight of {@code strategy}, if it set one. */
  public Optional<Double> weight(String strategy) {
    return Optional.ofNullable(weights.get(strategy));
  }

  /**
   * The share of the equity {@code strategy} trades: 1 in single mode (or without a registry); in
   * ensemble mode the allocator's weight when {@code capital} has one, else its configured {@code
   * ensemble_weight / Σ ensemble_weight}.
   */
  public static double share(StrategyRegistry registry, CapitalWeights capital, String name) {
    if (registry == null || StrategyRegistry.SINGLE.equals(registry.mode())) {
      return 1.0;
    }
    if (capital != null) {
      Optional<Double> w = capital.weight(name);
      if (w.isPresent()) {
        return w.get();
      }
    }
    return configured(registry, name);
  }

  /** The configured share: {@code ensemble_weight / Σ ensemble_weight} (ensemble mode). */
  public static double configured(StrategyRegistry registry, String name) {
    double total = 0;
    for (String n : registry.names()) {
      total += registry.definition(n).ensembleWeight();
    }
    return total > 0 ? registry.definition(name).ensembleWeight() / total : 0.0;
  }
}
