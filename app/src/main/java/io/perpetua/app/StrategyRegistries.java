package io.perpetua.app;

import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.signals.strategy.StrategyFactory;
import io.perpetua.trading.registry.RegistryStore;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's {@link StrategyRegistry} from configuration: every configured strategy, built
 * through its {@link StrategyFactory}; in {@code single} mode {@code active_strategy} starts
 * active, in {@code ensemble} mode every strategy with an {@code ensemble_weight} above 0 (stored
 * toggles override both). Stateless.
 */
final class StrategyRegistries {
  /** Bar types the cross-sectional strategies run on (the kernel's time bars; dollar bars too). */
  private static final List<String> BAR_TYPES = List.of("time_bar", "dollar_bar");

  private StrategyRegistries() {}

  /** The registry over {@code store}. */
  static StrategyRegistry open(PerpetuaConfig config, RegistryStore store) {
    String mode = mode(config);
    Map<String, StrategyFactory> factories = Strategies.factories();
    List<StrategyDefinition> defs = new ArrayList<>();
    Set<String> active = new LinkedHashSet<>();
    for (var e : config.strategies().entrySet()) {
      String name = e.getKey();
      PerpetuaConfig.Strategy s = e.getValue();
      StrategyFactory factory = factories.get(s.type());
      if (factory == null) {
        throw new ConfigException(
            "strategies." + name + ".type",
            "unknown type '" + s.type() + "'; available: " + factories.keySet());
      }
      double weight = s.ensembleWeight() == null ? 0.0 : s.ensembleWeight();
      Map<String, Object> params =
          s.parameters() == null ? Map.of() : new LinkedHashMap<>(s.parameters());
      defs.add(
          new StrategyDefinition(
              name,
              s.displayName(),
              s.description(),
              s.pool(),
              s.rebalanceCron(),
              s.rebalanceDays(),
              weight,
              params,
              BAR_TYPES,
              p -> withKnownFeatures(factory.create(StrategyId.of(name), s.pool(), p))));
      if (StrategyRegistry.SINGLE.equals(mode)
          ? name.equals(config.activeStrategy())
          : weight > 0) {
        active.add(name);
      }
    }
    return new StrategyRegistry(mode, defs, active, store, System::currentTimeMillis);
  }

  /** {@code strategy}, once every feature it requires resolves (else the message names it). */
  private static CrossSectionalStrategy withKnownFeatures(CrossSectionalStrategy strategy) {
    FeatureRegistry features = new FeatureRegistry();
    for (String f : strategy.requiredFeatures()) {
      features.resolve(f);
    }
    return strategy;
  }

  /** {@code single} unless configured otherwise. */
  static String mode(PerpetuaConfig config) {
    return config.activeMode() == null ? StrategyRegistry.SINGLE : config.activeMode();
  }

  /** The asset pools the strategies use, by name. */
  static Map<String, AssetPoolDefinition> pools(PerpetuaConfig config) {
    Map<String, AssetPoolDefinition> out = new LinkedHashMap<>();
    for (PerpetuaConfig.Strategy s : config.strategies().values()) {
      out.computeIfAbsent(s.pool(), name -> Strategies.pool(config, name));
    }
    return out;
  }
}
