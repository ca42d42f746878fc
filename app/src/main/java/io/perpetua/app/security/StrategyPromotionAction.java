package io.perpetua.app.security;

import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.Stage;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Four-eyes action {@code strategy.version.promote}: a second person approves a canary candidate
 * whose gates passed into prod ({@code POST /api/v1/strategies/{id}/promote} with {@code stage:
 * prod}); the lifecycle then makes it the stable version. Payload {@code {"strategy": ...,
 * "version_id": ...}}. Trader role. Thread-safe.
 */
final class StrategyPromotionAction implements ApprovalAction {
  static final String NAME = "strategy.version.promote";

  private final Supplier<LifecycleService> lifecycle;

  StrategyPromotionAction(Supplier<LifecycleService> lifecycle) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
  }

  static String payload(String strategy, String versionId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("strategy", strategy);
    p.put("version_id", versionId);
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
    String strategy = field(payload, "strategy");
    String version = field(payload, "version_id");
    LifecycleState s;
    try {
      s = lifecycle().state(strategy);
    } catch (LifecycleException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (!version.equals(s.candidateId())
        || s.candidateStage() != Stage.CANARY
        || !s.gatesPassed()) {
      throw new IllegalArgumentException(
          "Version "
              + version
              + " is not a canary candidate of "
              + strategy
              + " with its gates"
              + " passed");
    }
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("strategy", strategy);
    before.put("stable_version", s.stableId());
    before.put("candidate", s.candidateId());
    before.put("stage", s.candidateStage().code());
    return json(before);
  }

  @Override
  public String execute(String payload, String approver) {
    LifecycleState s =
        lifecycle().approveProd(field(payload, "strategy"), field(payload, "version_id"), approver);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("strategy", s.strategy());
    out.put("stable_version", s.stableId());
    out.put("previous_stable_version", s.previousStableId());
    return json(out);
  }

  private LifecycleService lifecycle() {
    LifecycleService l = lifecycle.get();
    if (l == null) {
      throw new ServiceUnavailableException("strategy lifecycle not started yet", null);
    }
    return l;
  }

  private static String field(String payload, String name) {
    return ActionPayloads.field(payload, name, 96);
  }

  private static String json(Map<String, Object> value) {
    return ActionPayloads.json(value);
  }
}
