package io.perpetua.auth.approval;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import io.perpetua.auth.Principal;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.core.time.Clock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The four-eyes mechanism: a request for a registered {@link ApprovalAction} is stored pending; a
 * second person with the action's role who is not the requester approves it (then it is carried
 * out) or rejects it; the requester may withdraw it (a rejection by themselves). Every step is a
 * stored record with its reason and is appended to the audit log. Thread-safe: a decision is a
 * compare-and-set on the pending status, so a request is carried out at most once.
 */
public final class FourEyes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApprovalStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, ApprovalAction> actions = new ConcurrentHashMap<>();

  /** Four-eyes over {@code store}, recording to {@code audit}. */
  public FourEyes(ApprovalStore store, AuditLog audit, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Registers an action.
   *
   * @throws IllegalArgumentException if one with the same name is registered
   */
  public FourEyes register(ApprovalAction action) {
    if (actions.putIfAbsent(action.name(), action) != null) {
      throw new IllegalArgumentException("four-eyes action registered twice: " + action.name());
    }
    return this;
  }

  /** The registered action names. */
  public List<String> actionNames() {
    return actions.keySet().stream().sorted().toList();
  }

  /**
   * Requests {@code actionName} with {@code payload}.
   *
   * @throws AuthException {@link Reason#NOT_FOUND} for an unknown action, {@link Reason#FORBIDDEN}
   *     without the action's role, {@link Reason#INVALID_INPUT} for a bad payload or no reason
   */
  public ApprovalRequest request(
      Principal who, String actionName, String payload, String reason, String requestId) {
    ApprovalAction action = actions.get(actionName == null ? "" : actionName);
    if (action == null) {
      throw new AuthException(
          Reason.NOT_FOUND, "Unknown four-eyes action; known: " + actionNames());
    }
    requireRole(who, action);
    requireReason(reason);
    String before;
    try {
      before = action.check(payload);
    } catch (IllegalArgumentException e) {
      throw new AuthException(Reason.INVALID_INPUT, e.getMessage());
    }
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    ApprovalRequest request =
        new ApprovalRequest(
            "apr_" + HexFormat.of().formatHex(bytes),
            action.name(),
            payload,
            before,
            who.subject(),
            reason,
            ApprovalRequest.PENDING,
            null,
            null,
            null,
            now(),
            null);
    store.insert(request);
    record(who, "approval.request", request, before, payload, reason, requestId);
    return request;
  }

  /**
   * Approves a pending request and carries it out.
   *
   * @throws AuthException {@link Reason#NOT_FOUND}, {@link Reason#FORBIDDEN} (own request, or
   *     without the role), {@link Reason#CONFLICT} (already decided)
   */
  public ApprovalRequest approve(Principal who, String id, String reason, String requestId) {
    ApprovalRequest pending = pending(id);
    ApprovalAction action = actions.get(pending.action());
    requireRole(who, action);
    if (who.subject().equals(pending.requester())) {
      throw new AuthException(
          Reason.FORBIDDEN, "Four-eyes: the requester cannot approve their own request");
    }
    requireReason(reason);
    ApprovalRequest approved =
        pending.decided(ApprovalRequest.EXECUTED, who.subject(), reason, null, now());
    if (!store.decide(approved, ApprovalRequest.PENDING)) {
      throw decidedAlready();
    }
    ApprovalRequest done;
    try {
      String after = action.execute(pending.payload(), who.subject());
      done = approved.decided(ApprovalRequest.EXECUTED, who.subject(), reason, after, now());
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      done = approved.decided(ApprovalRequest.FAILED, who.subject(), reason, message, now());
    }
    store.decide(done, ApprovalRequest.EXECUTED);
    record(who, "approval.approve", done, pending.before(), done.result(), reason, requestId);
    return done;
  }

  /**
   * Rejects a pending request (or withdraws it, when {@code who} is the requester).
   *
   * @throws AuthException {@link Reason#NOT_FOUND}, {@link Reason#FORBIDDEN}, {@link
   *     Reason#CONFLICT}
   */
  public ApprovalRequest reject(Principal who, String id, String reason, String requestId) {
    ApprovalRequest pending = pending(id);
    if (!who.subject().equals(pending.requester())) {
      requireRole(who, actions.get(pending.action()));
    }
    requireReason(reason);
    ApprovalRequest rejected =
        pending.decided(ApprovalRequest.REJECTED, who.subject(), reason, null, now());
    if (!store.decide(rejected, ApprovalRequest.PENDING)) {
      throw decidedAlready();
    }
    record(who, "approval.reject", rejected, pending.before(), null, reason, requestId);
    return rejected;
  }

  /** The request. */
  public ApprovalRequest find(String id) {
    return store
        .find(id == null ? "" : id)
        .orElseThrow(() -> new AuthException(Reason.NOT_FOUND, "No such four-eyes request"));
  }

  /** Requests, newest first. */
  public List<ApprovalRequest> list(String status, int limit) {
    return store.list(status, limit);
  }

  private ApprovalRequest pending(String id) {
    ApprovalRequest request = find(id);
    if (!request.status().equals(ApprovalRequest.PENDING)) {
      throw decidedAlready();
    }
    return request;
  }

  private static void requireRole(Principal who, ApprovalAction action) {
    if (action == null || !who.role().includes(action.role())) {
      throw new AuthException(
          Reason.FORBIDDEN,
          "This four-eyes action needs the "
              + (action == null ? "admin" : action.role().code())
              + " role");
    }
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw new AuthException(Reason.INVALID_INPUT, "Invalid field 'reason': 1..1000 characters");
    }
  }

  private static AuthException decidedAlready() {
    return new AuthException(Reason.CONFLICT, "The request was already decided");
  }

  private void record(
      Principal who,
      String what,
      ApprovalRequest request,
      String before,
      String after,
      String reason,
      String requestId) {
    audit.append(
        new AuditEvent(
            now(),
            who.subject(),
            what + ":" + request.action(),
            "approvals",
            request.id(),
            before,
            after,
            reason,
            requestId));
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }
}
