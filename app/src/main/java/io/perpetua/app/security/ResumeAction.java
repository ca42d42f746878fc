package io.perpetua.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.RiskEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Four-eyes action {@code system.resume}: lifts the emergency stop and every latched halt (what
 * {@code POST /api/v1/system/resume} does without four-eyes), carried out as "approver (requested
 * by requester)". Payload {@code {"reason": ..., "operator": ...}}. Admin role. Thread-safe.
 */
final class ResumeAction implements ApprovalAction {
  static final String NAME = "system.resume";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<RiskEngine> risk;

  ResumeAction(Supplier<RiskEngine> risk) {
    this.risk = Objects.requireNonNull(risk, "risk");
  }

  static String payload(String reason, String operator) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("reason", reason);
    p.put("operator", operator);
    try {
      return JSON.writeValueAsString(p);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
    read(payload);
    return state(engine().emergencyStopped(), engine().status().emergencyStop());
  }

  @Override
  public String execute(String payload, String approver) {
    String[] p = read(payload);
    EmergencyStop after = engine().resume(p[0], approver + " (requested by " + p[1] + ")");
    return state(after.active(), after);
  }

  private RiskEngine engine() {
    RiskEngine r = risk.get();
    if (r == null) {
      throw new ServiceUnavailableException("risk engine not started yet", null);
    }
    return r;
  }

  private static String[] read(String payload) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid field 'payload': a JSON object");
    }
    String reason = text(node, "reason");
    String operator = text(node, "operator");
    return new String[] {reason, operator};
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > 500) {
      throw new IllegalArgumentException(
          "Invalid field 'payload." + field + "': 1..500 characters");
    }
    return v.asText().strip();
  }

  private static String state(boolean active, EmergencyStop stop) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("emergency_stop", active);
    s.put("operator", stop == null ? null : stop.operator());
    s.put("reason", stop == null ? null : stop.reason());
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
