package io.perpetua.trading.registry;

import io.perpetua.core.Echo;
import io.perpetua.trading.registry.RegistryException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a parameter change against the strategy's declared parameter space — the strategy
 * factory, which rejects unknown parameters and out-of-range values naming them: each requested
 * parameter is tried on its own (so every bad one is named, not just the first), then all together.
 * {@code rebalance_days} is the registry's own (an integer in 0..3650). Stateless.
 */
public final class ChangeCheck {
  private ChangeCheck() {}

  /**
   * The changes {@code {old, new}} (old = the configured value, or null when the strategy uses its
   * default), in request order.
   *
   * @throws RegistryException INVALID naming every rejected parameter
   */
  public static Map<String, ParameterChange> check(
      StrategyDefinition definition, Map<String, Object> current, Map<String, Object> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new RegistryException(
          Kind.INVALID, "Invalid field 'parameters': name at least one parameter to change");
    }
    List<String> errors = new ArrayList<>();
    Map<String, ParameterChange> changes = new LinkedHashMap<>();
    Map<String, Object> all = new LinkedHashMap<>(current);
    for (var e : requested.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (StrategyRegistry.REBALANCE_DAYS.equals(key)) {
        if (!(value instanceof Number n)
            || n.doubleValue() != Math.rint(n.doubleValue())
            || n.doubleValue() < 0
            || n.doubleValue() > 3650) {
          errors.add(
              "parameter rebalance_days must be an integer in 0..3650, was " + Echo.of(value));
        } else {
          changes.put(key, new ParameterChange(null, n.intValue()));
        }
        continue;
      }
      if (value == null) {
        errors.add("parameter " + Echo.of(key) + " must have a value");
        continue;
      }
      Map<String, Object> one = new LinkedHashMap<>(current);
      one.put(key, value);
      try {
        definition.builder().build(one);
        changes.put(key, new ParameterChange(current.get(key), value));
        all.put(key, value);
      } catch (RuntimeException ex) { // the factory's message names the parameter
        errors.add(
            ex.getMessage() == null
                ? "parameter " + Echo.of(key) + " is invalid"
                : ex.getMessage());
      }
    }
    if (errors.isEmpty()) {
      try {
        definition.builder().build(all);
      } catch (RuntimeException ex) {
        errors.add(ex.getMessage() + " (with the other requested values)");
      }
    }
    if (!errors.isEmpty()) {
      throw new RegistryException(
          Kind.INVALID, "Invalid field 'parameters': " + String.join("; ", errors));
    }
    return changes;
  }
}
