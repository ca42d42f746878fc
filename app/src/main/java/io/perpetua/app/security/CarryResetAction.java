package io.perpetua.app.security;

import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.trading.carry.CarryException;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryState;
import io.perpetua.trading.carry.CarryStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Four-eyes action {@code carry.reset}: a second admin approves taking a halted carry back to IDLE
 * ({@code POST /api/v1/carry/{id}/reset}); carried out as "approver (requested by requester)", the
 * positions untouched. Payload {@code {"carry": ..., "requester": ...}}. Checked when requested and
 * again when approved (a carry no longer halted fails). Admin role. Thread-safe.
 */
final class CarryResetAction implements ApprovalAction {
  static final String NAME = "carry.reset";

  private final Supplier<List<CarryInstance>> carries;

  CarryResetAction(Supplier<List<CarryInstance>> carries) {
    this.carries = Objects.requireNonNull(carries, "carries");
  }

  static String payload(String carry, String requester) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("carry", carry);
    p.put("requester", requester);
    return ActionPayloads.json(p);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.ADMIN;
  }

  @Override
  public String check(String payload) {
    ActionPayloads.field(payload, "requester", 96);
    CarryStatus s = instance(payload).status();
    if (s.state() != CarryState.HALTED) {
      throw new IllegalArgumentException(
          "Carry " + s.spec().id() + " is " + s.state().code() + ", not halted");
    }
    return state(s);
  }

  @Override
  public String execute(String payload, String approver) {
    String requester = ActionPayloads.field(payload, "requester", 96);
    try {
      return state(instance(payload).resetHalted(approver + " (requested by " + requester + ")"));
    } catch (CarryException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private CarryInstance instance(String payload) {
    String id = ActionPayloads.field(payload, "carry", 64);
    List<CarryInstance> all = carries.get();
    return (all == null ? List.<CarryInstance>of() : all)
        .stream()
            .filter(c -> c.spec().id().equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No carry instance " + id));
  }

  private static String state(CarryStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("carry", s.spec().id());
    m.put("state", s.state().code());
    m.put("spot_position", s.spotPosition().toString());
    m.put("perp_position", s.perpPosition().toString());
    return ActionPayloads.json(m);
  }
}
