package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity every configured strategy carries: id, asset pool, required features and the
 * parameters it was built with (in declaration order, for display). Subclasses add the decision.
 *
 * <p>Immutable.
 */
public abstract class ConfiguredStrategy implements CrossSectionalStrategy {
  private final StrategyId id;
  private final String poolName;
  private final List<String> features;
  private final Map<String, Object> parameters;

  /** {@code parameters} alternates names and values: {@code "long_n", 30, "short_n", 30}. */
  protected ConfiguredStrategy(
      StrategyId id, String poolName, List<String> features, Object... parameters) {
    if (parameters.length % 2 != 0) {
      throw new IllegalArgumentException("parameters must be name/value pairs");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      p.put((String) parameters[i], parameters[i + 1]);
    }
    this.id = id;
    this.poolName = poolName;
    this.features = List.copyOf(features);
    this.parameters = Collections.unmodifiableMap(p);
  }

  @Override
  public final StrategyId id() {
    return id;
  }

  @Override
  public final String poolName() {
    return poolName;
  }

  @Override
  public final List<String> requiredFeatures() {
    return features;
  }

  @Override
  public final Map<String, Object> parameters() {
    return parameters;
  }
}
