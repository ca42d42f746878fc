package io.perpetua.trading.lifecycle;

import io.perpetua.trading.registry.ChangeCheck;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.RegistryException;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle's side of the strategy registry: validates a candidate's parameters with the
 * registry's own check (the strategy factory), and makes the stable version's parameters the ones
 * in force through the registry's change mechanism (an {@code immediate} change, approved by the
 * lifecycle: the promotion's own approval was the human decision). Thread-safe (the registry is).
 */
final class RegistrySync implements ParameterSource {
  private final StrategyRegistry registry;

  RegistrySync(StrategyRegistry registry) {
    this.registry = registry;
  }

  @Override
  public List<String> names() {
    return registry.names();
  }

  /** {@code strategy}'s parameters in force, with {@code rebalance_days}. */
  @Override
  public Map<String, Object> inForce(String strategy) {
    return new LinkedHashMap<>(registry.view(strategy).parameters());
  }

  /**
   * {@code stable} with {@code changes}, validated and normalised by the strategy's factory.
   *
   * @throws LifecycleException INVALID naming every bad parameter
   */
  @Override
  public Map<String, Object> merged(
      String strategy, Map<String, Object> stable, Map<String, Object> changes) {
    try {
      ChangeCheck.check(registry.definition(strategy), strip(stable), changes);
    } catch (RegistryException e) {
      throw new LifecycleException(LifecycleException.Kind.INVALID, e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>(stable);
    out.putAll(changes);
    Map<String, Object> normalised =
        new LinkedHashMap<>(registry.definition(strategy).builder().build(strip(out)).parameters());
    Object days = out.get(StrategyRegistry.REBALANCE_DAYS);
    normalised.put(
        StrategyRegistry.REBALANCE_DAYS,
        days == null ? registry.rebalanceDays(strategy) : ((Number) days).intValue());
    return normalised;
  }

  private static Map<String, Object> strip(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    out.remove(StrategyRegistry.REBALANCE_DAYS);
    return out;
  }

  /** Makes {@code stable}'s parameters the ones in force (nothing when they already are). */
  @Override
  public void apply(String strategy, StrategyVersion stable, String by, String reason) {
    Map<String, Object> inForce = inForce(strategy);
    Map<String, Object> diff = new LinkedHashMap<>();
    stable
        .parameters()
        .forEach(
            (k, v) -> {
              if (!ConfigHash.same(v, inForce.get(k))) {
                diff.put(k, v);
              }
            });
    if (diff.isEmpty()) {
      return;
    }
    String why = "lifecycle: " + stable.id() + " stable (" + reason + ")";
    ConfigChange change =
        registry.submit(
            strategy,
            diff,
            why.substring(0, Math.min(why.length(), 1000)),
            ConfigChange.IMMEDIATE,
            by);
    registry.approve(change.id(), by);
  }

  /** Whether {@code strategy}'s parameters in force are {@code version}'s. */
  boolean inForce(String strategy, StrategyVersion version) {
    return ConfigHash.of(inForce(strategy)).equals(version.configHash());
  }
}
