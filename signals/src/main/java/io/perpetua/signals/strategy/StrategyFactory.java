package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.util.Map;

/**
 * Creates strategies of one type from configuration. Registered through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.perpetua.signals.strategy.StrategyFactory})
 * so third-party strategies plug in without changing the platform.
 */
public interface StrategyFactory {
  /** The type name used in configuration, e.g. {@code rank_long_short}. */
  String type();

  /**
   * Creates a strategy; invalid parameters raise {@link IllegalArgumentException} naming the
   * parameter.
   */
  CrossSectionalStrategy create(StrategyId id, String poolName, Map<String, Object> parameters);

  /**
   * The parameters this type declares for a strategy configured with {@code configured} (e.g. one
   * weight per configured feature): what backtests validate and optimisers search. None by default.
   */
  default ParamSpace space(Map<String, Object> configured) {
    return ParamSpace.empty();
  }
}
