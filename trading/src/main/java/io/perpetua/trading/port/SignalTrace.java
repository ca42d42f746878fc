package io.perpetua.trading.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The signal behind an order, as the strategy saw it at the decision: for one strategy and one
 * symbol, its combined signal, its target weight and the value of each feature (factor) it read.
 * Display values (plain decimals; null where the strategy had none); the order itself is decided in
 * fixed point. Immutable.
 *
 * @param strategy the strategy id
 * @param signal the combined signal, or null
 * @param targetWeight the signed target weight (fraction of equity)
 * @param features feature name → value (null where not computed), in the strategy's order
 */
public record SignalTrace(
    String strategy, String signal, String targetWeight, Map<String, String> features) {
  /** Copies the features, keeping their order. */
  public SignalTrace {
    Objects.requireNonNull(strategy, "strategy");
    features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
  }
}
