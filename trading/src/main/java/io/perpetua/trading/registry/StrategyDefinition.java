package io.perpetua.trading.registry;

import io.perpetua.signals.strategy.CrossSectionalStrategy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A configured strategy as the registry knows it: identity, display texts, schedule, its ensemble
 * weight and configured parameters, and how to build it from parameters (the strategy factory,
 * which validates them and names the offending one). Immutable.
 *
 * @param name the strategy id
 * @param displayName the display name
 * @param description what it does
 * @param poolName its asset pool
 * @param cron when it is considered for a rebalance (UTC cron)
 * @param rebalanceDays minimum days between its rebalances (0: every time the cron fires)
 * @param ensembleWeight its weight in ensemble mode ({@code >= 0}); ignored in single mode
 * @param parameters the configured parameters (the factory's input)
 * @param compatibleBarTypes bar types it can run on
 * @param builder builds it from parameters
 */
public record StrategyDefinition(
    String name,
    String displayName,
    String description,
    String poolName,
    String cron,
    int rebalanceDays,
    double ensembleWeight,
    Map<String, Object> parameters,
    List<String> compatibleBarTypes,
    Builder builder) {

  /** Builds the strategy from parameters. */
  @FunctionalInterface
  public interface Builder {
    /**
     * The strategy with {@code parameters}.
     *
     * @throws IllegalArgumentException naming the parameter that is unknown or out of range
     */
    CrossSectionalStrategy build(Map<String, Object> parameters);
  }

  /** Validates; copies the collections. */
  public StrategyDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(poolName, "poolName");
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(builder, "builder");
    displayName = displayName == null || displayName.isBlank() ? name : displayName;
    description = description == null ? "" : description;
    if (rebalanceDays < 0) {
      throw new IllegalArgumentException(name + ": rebalance_days must be >= 0");
    }
    if (!(ensembleWeight >= 0) || Double.isInfinite(ensembleWeight)) {
      throw new IllegalArgumentException(name + ": ensemble_weight must be >= 0");
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    compatibleBarTypes = List.copyOf(compatibleBarTypes);
  }
}
