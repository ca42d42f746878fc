package io.perpetua.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.core.time.Clock;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * Appends the human actions of API routes to the audit log: the caller, the action, the entity,
 * before/after as the API's JSON, the reason and the request id. Never a secret: callers pass views
 * without passwords, hashes or tokens. Thread-safe.
 */
public final class AuditRecorder {
  private static final ObjectMapper JSON = Json.newMapper();

  private final AuditLog log;
  private final Clock clock;

  /** A recorder appending to {@code log}. */
  public AuditRecorder(AuditLog log, Clock clock) {
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The log. */
  public AuditLog log() {
    return log;
  }

  /** Records an action of {@code actor}. */
  public void record(
      String actor,
      ApiRequest request,
      String action,
      String entity,
      String entityId,
      Object before,
      Object after,
      String reason) {
    log.append(
        new AuditEvent(
            Instant.ofEpochMilli(clock.nowMillis()),
            actor,
            action,
            entity,
            entityId,
            json(before),
            json(after),
            reason,
            request == null ? "" : request.requestId()));
  }

  /** Records an action of the request's bearer-token caller. */
  public void record(
      ApiRequest request,
      String action,
      String entity,
      String entityId,
      Object before,
      Object after,
      String reason) {
    record(request.principal().subject(), request, action, entity, entityId, before, after, reason);
  }

  static String json(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return "\"unserializable\"";
    }
  }
}
