package io.perpetua.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.trading.learn.LearningDecision;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every automated decision of the order-flow learning loop to the audit log: action {@code
 * flow.learning.*}, entity {@code flow_strategies}, id the strategy or symbol, actor {@code
 * system:learning} or the user who asked for the run, and in {@code after} the numbers behind it.
 */
public final class LearningAudit implements LearningDecision.Sink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<AuditLog> log;

  /** Decisions to the log {@code log} supplies (nothing while it is null). */
  public LearningAudit(Supplier<AuditLog> log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void decided(LearningDecision d) {
    AuditLog target = log.get();
    if (target == null) {
      return;
    }
    String text;
    try {
      text = JSON.writeValueAsString(d.numbers());
    } catch (JsonProcessingException ex) {
      text = String.valueOf(d.numbers());
    }
    target.append(
        new AuditEvent(
            Instant.ofEpochMilli(d.atMs()),
            d.actor(),
            d.action(),
            "flow_strategies",
            d.target(),
            null,
            text,
            d.reason(),
            ""));
  }
}
