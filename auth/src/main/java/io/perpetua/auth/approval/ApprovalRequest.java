package io.perpetua.auth.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A four-eyes request and its outcome: who asked for which action with which payload and why, and
 * who approved or rejected it, why, and what the execution returned. Immutable; {@link
 * ApprovalStore#decide} stores the decided copy.
 *
 * @param id {@code apr_} + 24 hex digits
 * @param action the registered {@link ApprovalAction#name()}
 * @param payload the action's input (JSON text)
 * @param before the state the action would change, as seen when requested (JSON text), or null
 * @param requester who asked
 * @param requestReason why they asked
 * @param status {@code pending}, {@code executed}, {@code rejected} or {@code failed}
 * @param decider who approved or rejected, or null while pending
 * @param decisionReason why, or null while pending
 * @param result what the execution returned (or why it failed), or null
 * @param requestedAt when asked
 * @param decidedAt when decided, or null
 */
public record ApprovalRequest(
    String id,
    String action,
    String payload,
    String before,
    String requester,
    String requestReason,
    String status,
    String decider,
    String decisionReason,
    String result,
    Instant requestedAt,
    Instant decidedAt) {
  /** Waiting for a second person. */
  public static final String PENDING = "pending";

  /** Approved and carried out. */
  public static final String EXECUTED = "executed";

  /** Rejected (or withdrawn by the requester). */
  public static final String REJECTED = "rejected";

  /** Approved, but carrying it out failed (see {@link #result}). */
  public static final String FAILED = "failed";

  /** Validates. */
  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(requestReason, "requestReason");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  /** The decided copy. */
  public ApprovalRequest decided(
      String newStatus, String by, String why, String outcome, Instant at) {
    return new ApprovalRequest(
        id,
        action,
        payload,
        before,
        requester,
        requestReason,
        newStatus,
        by,
        why,
        outcome,
        requestedAt,
        at);
  }
}
