package io.perpetua.app.security;

import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.RegistryException;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Four-eyes action {@code strategy.config.change}: approves a strategy change request ({@code POST
 * /api/v1/strategy/{name}/config}); the registry then applies it at the strategy's next rebalance
 * or at once ({@code apply_mode}). Payload {@code {"change_request_id": ...}}. Trader role (the
 * role that may request it). Thread-safe.
 */
final class StrategyChangeAction implements ApprovalAction {
  static final String NAME = "strategy.config.change";

  private final Supplier<StrategyRegistry> registry;

  StrategyChangeAction(Supplier<StrategyRegistry> registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  static String payload(ConfigChange change) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("change_request_id", change.id());
    p.put("strategy", change.strategy());
    p.put("parameters", change.newValues());
    p.put("apply_mode", change.applyMode());
    return json(p);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.TRADER;
  }

  @Override
  public String check(String payload) {
    String id = id(payload);
    try {
      StrategyRegistry r = registry();
      ConfigChange c =
          r.history(strategy(payload)).stream()
              .filter(x -> x.id().equals(id))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("Unknown change request " + id));
      return json(Map.of("change_request_id", id, "status", c.status()));
    } catch (RegistryException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  @Override
  public String execute(String payload, String approver) {
    ConfigChange c = registry().approve(id(payload), approver);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("change_request_id", c.id());
    out.put("status", c.status());
    out.put("version", c.version());
    return json(out);
  }

  private StrategyRegistry registry() {
    StrategyRegistry r = registry.get();
    if (r == null) {
      throw new ServiceUnavailableException("strategy registry not started yet", null);
    }
    return r;
  }

  private static String id(String payload) {
    return field(payload, "change_request_id");
  }

  private static String strategy(String payload) {
    return field(payload, "strategy");
  }

  private static String field(String payload, String name) {
    return ActionPayloads.field(payload, name, 64);
  }

  private static String json(Map<String, Object> value) {
    return ActionPayloads.json(value);
  }
}
