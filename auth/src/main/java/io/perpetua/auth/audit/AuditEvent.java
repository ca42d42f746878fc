package io.perpetua.auth.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Something to record: a human action (who, what, before/after, why, request id) or an automated
 * decision of the kernel (actor {@code system:<component>}). Immutable.
 *
 * @param at when it happened
 * @param actor the user, static token or {@code system:<component>}
 * @param action what, dotted, e.g. {@code risk.limits.update}, {@code order.submitted}
 * @param entity the kind of thing acted on, e.g. {@code orders}, {@code risk_limits}, {@code users}
 * @param entityId which one (an order id, a user name), or empty
 * @param before its state before (JSON text), or null
 * @param after its state after (JSON text), or null
 * @param reason why (the operator's reason, or the rule that decided), or empty
 * @param requestId the HTTP request id, or empty for non-HTTP actions
 */
public record AuditEvent(
    Instant at,
    String actor,
    String action,
    String entity,
    String entityId,
    String before,
    String after,
    String reason,
    String requestId) {
  /** The longest text field stored (longer ones are cut, marked with an ellipsis). */
  public static final int MAX_TEXT = 8000;

  /** Validates and bounds the text fields. */
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    actor = bounded(Objects.requireNonNull(actor, "actor"), 128);
    action = bounded(Objects.requireNonNull(action, "action"), 96);
    entity = bounded(Objects.requireNonNull(entity, "entity"), 64);
    entityId = bounded(entityId == null ? "" : entityId, 128);
    before = before == null ? null : bounded(before, MAX_TEXT);
    after = after == null ? null : bounded(after, MAX_TEXT);
    reason = bounded(reason == null ? "" : reason, 1000);
    requestId = bounded(requestId == null ? "" : requestId, 64);
  }

  private static String bounded(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}
