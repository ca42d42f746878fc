package io.perpetua.trading.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * Where the strategies under a {@link LifecycleService} keep their parameters in force: the
 * strategy registry ({@link RegistrySync}) for the portfolio strategies, the factory book for the
 * order-flow strategies ({@code io.perpetua.trading.learn.FlowParameters}). Thread-safe.
 */
public interface ParameterSource {
  /** The strategies, by name. */
  List<String> names();

  /** {@code strategy}'s parameters in force. */
  Map<String, Object> inForce(String strategy);

  /**
   * {@code stable} with {@code changes}, validated and normalised.
   *
   * @throws LifecycleException INVALID naming every bad parameter
   */
  Map<String, Object> merged(
      String strategy, Map<String, Object> stable, Map<String, Object> changes);

  /** Makes {@code stable}'s parameters the ones in force (nothing when they already are). */
  void apply(String strategy, StrategyVersion stable, String by, String reason);
}
