package io.perpetua.app;

import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.StrategyId;
import io.perpetua.server.v1.AssetPoolRoutes;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.signals.strategy.StrategyFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Builds configured strategies through the {@link StrategyFactory} SPI. Stateless. */
public final class Strategies {
  private Strategies() {}

  /** The factories on the class path, by type. */
  public static Map<String, StrategyFactory> factories() {
    Map<String, StrategyFactory> out = new TreeMap<>();
    for (StrategyFactory f : ServiceLoader.load(StrategyFactory.class)) {
      out.put(f.type(), f);
    }
    return out;
  }

  /** Creates strategy {@code name} from the configuration; errors name the config key. */
  public static CrossSectionalStrategy create(PerpetuaConfig config, String name) {
    PerpetuaConfig.Strategy s = config.strategies().get(name);
    if (s == null) {
      throw new ConfigException("strategies." + name, "not defined");
    }
    StrategyFactory factory = factories().get(s.type());
    if (factory == null) {
      throw new ConfigException(
          "strategies." + name + ".type",
          "unknown type '" + s.type() + "'; available: " + factories().keySet());
    }
    try {
      return factory.create(
          StrategyId.of(name), s.pool(), s.parameters() == null ? Map.of() : s.parameters());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("strategies." + name + ".parameters", e.getMessage(), e);
    }
  }

  /** The asset pool definition {@code name}. */
  public static AssetPoolDefinition pool(PerpetuaConfig config, String name) {
    PerpetuaConfig.Pool p = config.assetPools().get(name);
    if (p == null) {
      throw new ConfigException("asset_pools." + name, "not defined");
    }
    try {
      return new AssetPoolDefinition(
          name,
          p.metric(),
          p.topK(),
          p.lookbackDays() == null ? 31 : p.lookbackDays(),
          p.refreshHours() == null ? 24 : p.refreshHours(),
          p.minHistoryDays(),
          p.lag() == null ? 0 : p.lag());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("asset_pools." + name, e.getMessage(), e);
    }
  }

  /** The configured pools for the API, each with the strategies configured on it. */
  public static List<AssetPoolRoutes.Pool> poolViews(PerpetuaConfig config) {
    List<AssetPoolRoutes.Pool> out = new ArrayList<>();
    config
        .assetPools()
        .forEach(
            (name, p) -> {
              List<String> usedBy =
                  config.strategies().entrySet().stream()
                      .filter(e -> name.equals(e.getValue().pool()))
                      .map(Map.Entry::getKey)
                      .sorted()
                      .toList();
              String display = p.displayName() == null ? name : p.displayName();
              out.add(new AssetPoolRoutes.Pool(pool(config, name), display, usedBy));
            });
    return out;
  }
}
