package io.perpetua.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.trading.lifecycle.LifecycleEvent;
import io.perpetua.trading.lifecycle.LifecycleService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every committed lifecycle transition to the audit log: action {@code strategy.lifecycle.<kind>},
 * entity {@code strategy_versions}, id {@code <strategy>/<version>}, actor the user or {@code
 * system:lifecycle}, and in {@code after} the stages and the numbers that justified it.
 */
public final class LifecycleAudit implements LifecycleService.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AuditLog log;

  public LifecycleAudit(AuditLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void committed(LifecycleEvent e) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("revision", e.revision());
    after.put("from_stage", e.fromStage());
    after.put("to_stage", e.toStage());
    after.put("evidence", e.evidence());
    String text;
    try {
      text = JSON.writeValueAsString(after);
    } catch (JsonProcessingException ex) {
      text = String.valueOf(after);
    }
    log.append(
        new AuditEvent(
            Instant.ofEpochMilli(e.atMs()),
            e.actor(),
            "strategy.lifecycle." + e.kind(),
            "strategy_versions",
            e.strategy() + "/" + e.versionId(),
            null,
            text,
            e.reason(),
            ""));
  }
}
