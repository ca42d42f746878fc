package io.perpetua.server.auth;

import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.auth.audit.AuditQuery;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The decision replay of one order, from the audit log (the kernel's journal writes every order
 * change, fill and rebalance there): the rebalance that decided it (trigger, strategy), then the
 * order's own entries (submitted, risk rejection with the rule's reason, status changes, fills), as
 * one timeline ordered by time and position. Stateless.
 */
final class DecisionReplay {
  private DecisionReplay() {}

  static Timeline of(AuditLog log, String orderId) {
    List<AuditEntry> own =
        log.query(new AuditQuery("orders", orderId, null, null, null, null, 0, 10_000));
    if (own.isEmpty()) {
      throw ApiException.notFound("No audit entries for order " + orderId);
    }
    List<Step> steps = new ArrayList<>();
    String rebalance = null;
    for (AuditEntry e : own) {
      String decided = RebalanceIds.of(e.event().after());
      if (decided != null) {
        rebalance = decided;
      }
    }
    if (rebalance != null) {
      for (AuditEntry e :
          log.query(new AuditQuery("rebalances", rebalance, null, null, null, null, 0, 100))) {
        steps.add(Step.of("decision", e));
      }
    }
    for (AuditEntry e : own) {
      String kind =
          e.event().action().startsWith("order.fill")
              ? "fill"
              : e.event().action().equals("order.rejected") ? "risk" : "order";
      steps.add(Step.of(kind, e));
    }
    steps.sort(Comparator.comparing(Step::at).thenComparingLong(Step::seq));
    return new Timeline(orderId, rebalance, steps);
  }

  /** One step. */
  record Step(
      @Doc(
              value = "Stage of the decision chain",
              allowed = {"decision", "risk", "order", "fill"})
          String stage,
      @Doc("Audit position") long seq,
      @Doc("When") Instant at,
      @Doc("What") String action,
      @Doc("Who") String actor,
      @Doc("Why (rule, trigger, operator reason)") String reason,
      @Nullable @Doc("State after (JSON text)") String detail) {
    static Step of(String stage, AuditEntry e) {
      return new Step(
          stage,
          e.seq(),
          e.event().at(),
          e.event().action(),
          e.event().actor(),
          e.event().reason(),
          e.event().after());
    }
  }

  /** The timeline. */
  record Timeline(
      @Doc("Client order id") String orderId,
      @Nullable @Doc("The rebalance that decided it") String rebalanceId,
      @Doc("Steps in time order") List<Step> steps) {}

  /** Reads {@code "rebalance_id":"..."} out of an order entry's JSON. */
  static final class RebalanceIds {
    private static final java.util.regex.Pattern ID =
        java.util.regex.Pattern.compile("\"rebalance_id\":\"([^\"]{1,128})\"");

    private RebalanceIds() {}

    static String of(String json) {
      if (json == null) {
        return null;
      }
      java.util.regex.Matcher m = ID.matcher(json);
      return m.find() ? m.group(1) : null;
    }
  }
}
