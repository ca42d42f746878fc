package io.perpetua.auth.audit;

import java.time.Instant;

/**
 * A filter on the audit log; null fields do not filter. Results are in position order, after {@code
 * afterSeq}, at most {@code limit}.
 *
 * @param entity only this entity kind
 * @param entityId only this entity
 * @param actor only this actor
 * @param actionPrefix only actions starting with this
 * @param from at or after
 * @param to before
 * @param afterSeq only positions above this (paging), 0 for the start
 * @param limit at most this many, 1..10000
 */
public record AuditQuery(
    String entity,
    String entityId,
    String actor,
    String actionPrefix,
    Instant from,
    Instant to,
    long afterSeq,
    int limit) {
  /** Validates. */
  public AuditQuery {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1..10000");
    }
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must be >= 0");
    }
  }

  /** Whether {@code e} passes the filter (not the paging). */
  public boolean matches(AuditEntry e) {
    AuditEvent v = e.event();
    return e.seq() > afterSeq
        && (entity == null || entity.equals(v.entity()))
        && (entityId == null || entityId.equals(v.entityId()))
        && (actor == null || actor.equals(v.actor()))
        && (actionPrefix == null || v.action().startsWith(actionPrefix))
        && (from == null || !v.at().isBefore(from))
        && (to == null || v.at().isBefore(to));
  }
}
