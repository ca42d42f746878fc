package io.perpetua.trading.learn;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.lifecycle.ConfigHash;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.ParameterSource;
import io.perpetua.trading.lifecycle.StrategyVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order-flow strategies under the lifecycle ({@link ParameterSource}): a factory strategy's
 * definition is its version's parameters; making a version stable edits the strategy through the
 * {@link FlowService} (journalled, effective at the next evaluation), so a release and its rollback
 * are the lifecycle's own promotion and rollback. Thread-safe (the service is).
 */
public final class FlowParameters implements ParameterSource {
  private final FlowService flow;

  /** The strategies of {@code flow}. */
  public FlowParameters(FlowService flow) {
    this.flow = Objects.requireNonNull(flow, "flow");
  }

  @Override
  public List<String> names() {
    return flow.strategies().stream().map(r -> r.id().value()).toList();
  }

  @Override
  public Map<String, Object> inForce(String strategy) {
    return FlowDefinitions.toMap(row(strategy).definition());
  }

  @Override
  public Map<String, Object> merged(
      String strategy, Map<String, Object> stable, Map<String, Object> changes) {
    Map<String, Object> out = new LinkedHashMap<>(stable);
    for (String key : changes.keySet()) {
      if (!out.containsKey(key)) {
        throw new LifecycleException(
            LifecycleException.Kind.INVALID, "Unknown parameter '" + key + "'");
      }
    }
    out.putAll(changes);
    FactoryStrategyDefinition d = FlowDefinitions.fromMap(out);
    if (!d.symbol().equals(row(strategy).definition().symbol())) {
      throw new LifecycleException(
          LifecycleException.Kind.INVALID, "Invalid field 'symbol': cannot change");
    }
    return FlowDefinitions.toMap(d);
  }

  @Override
  public void apply(String strategy, StrategyVersion stable, String by, String reason) {
    if (ConfigHash.of(inForce(strategy)).equals(stable.configHash())) {
      return;
    }
    flow.edit(StrategyId.of(strategy), FlowDefinitions.fromMap(stable.parameters()));
  }

  private FactoryStrategyRow row(String strategy) {
    return flow.strategy(StrategyId.of(strategy))
        .orElseThrow(
            () ->
                new LifecycleException(
                    LifecycleException.Kind.STRATEGY_NOT_FOUND, "Strategy not found: " + strategy));
  }
}
