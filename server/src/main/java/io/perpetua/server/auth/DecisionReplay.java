package io.perpetua.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.auth.audit.AuditQuery;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision replay of one order, from the audit log (the kernel's journal writes every order
 * decision, change, fill and rebalance there): the rebalance that decided it (trigger, strategy),
 * the signal and features behind the order and each risk rule's value and threshold at its check
 * ({@code order.decided}), then the order's own entries (submitted, risk rejection with the rule's
 * reason, status changes, fills), as one timeline ordered by time and position. Stateless.
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
    List<AuditEntry> decisions = new ArrayList<>();
    if (rebalance != null) {
      decisions =
          log.query(new AuditQuery("rebalances", rebalance, null, null, null, null, 0, 100));
      for (AuditEntry e : decisions) {
        steps.add(Step.of("decision", e));
      }
    }
    List<SignalView> signals = new ArrayList<>();
    List<CheckView> checks = new ArrayList<>();
    CauseView cause = null;
    AuditEntry decidedEntry = null;
    for (AuditEntry e : own) {
      String action = e.event().action();
      if (action.equals(DECIDED)) {
        cause = readDecision(e.event().after(), signals, checks);
        decidedEntry = e;
      }
      String kind =
          action.startsWith("order.fill")
              ? "fill"
              : action.equals(DECIDED)
                  ? "signal"
                  : action.equals("order.rejected") ? "risk" : "order";
      steps.add(Step.of(kind, e));
    }
    steps.sort(Comparator.comparing(Step::at).thenComparingLong(Step::seq));
    if (signals.isEmpty()) {
      if (cause == null) {
        cause = OrderCauses.fromRebalance(decisions, rebalance);
      }
      if (cause != null) {
        AuditEntry at = decidedEntry != null ? decidedEntry : own.get(0);
        steps.add(0, OrderCauses.step(cause, at));
      }
    } else {
      cause = null;
    }
    return new Timeline(orderId, rebalance, cause, signals, checks, steps);
  }

  private static final String DECIDED = "order.decided";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the signals and the rules' readings out of an {@code order.decided} entry; returns its
   * cause (null: none recorded).
   */
  private static CauseView readDecision(
      String after, List<SignalView> signals, List<CheckView> checks) {
    JsonNode root;
    try {
      root = after == null ? null : JSON.readTree(after);
    } catch (java.io.IOException e) {
      return null; // not the kernel's JSON: the step's detail still shows the text
    }
    if (root == null) {
      return null;
    }
    for (JsonNode s : root.path("signals")) {
      Map<String, String> features = new LinkedHashMap<>();
      s.path("features").properties().forEach(f -> features.put(f.getKey(), text(f.getValue())));
      signals.add(
          new SignalView(
              text(s.get("strategy")),
              text(s.get("signal")),
              text(s.get("target_weight")),
              features));
    }
    for (JsonNode c : root.path("checks")) {
      checks.add(
          new CheckView(
              text(c.get("rule")),
              text(c.get("value")),
              text(c.get("threshold")),
              c.path("passed").asBoolean(false)));
    }
    JsonNode cause = root.path("cause");
    return cause.isObject()
        ? new CauseView(
            text(cause.get("kind")), text(cause.get("source")), text(cause.get("detail")))
        : null;
  }

  static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /** The signal of one strategy behind the order. */
  record SignalView(
      @Nullable @Doc("Strategy id") String strategy,
      @Nullable @Doc("Combined signal of the symbol (decimal text)") String signal,
      @Nullable @Doc("Signed target weight, fraction of equity (decimal text)") String targetWeight,
      @Doc("Feature (factor) name to its value at the decision (decimal text, null when none)")
          Map<String, String> features) {}

  /** One risk rule's reading at the order's check. */
  record CheckView(
      @Nullable @Doc("Rule id") String rule,
      @Nullable @Doc("The rule's value for this order (decimal text, USDT for money)") String value,
      @Nullable @Doc("The threshold it was compared with (null: no number, or the rule is off)")
          String threshold,
      @Doc("Whether the order passed the rule") boolean passed) {}

  /** One step. */
  record Step(
      @Doc(
              value = "Stage of the decision chain",
              allowed = {"cause", "decision", "signal", "risk", "order", "fill"})
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

  /** What decided an order that no signal decided. */
  record CauseView(
      @Doc(
              value = "risk_rule (forced close), parent_order (algorithm child) or rebalance",
              allowed = {"risk_rule", "parent_order", "rebalance"})
          String kind,
      @Nullable @Doc("The breaker or rule, the parent order's key, or the rebalance id")
          String source,
      @Nullable @Doc("Context: the forced close's rebalance id, the trigger") String detail) {}

  /** The timeline. */
  record Timeline(
      @Doc("Client order id") String orderId,
      @Nullable @Doc("The rebalance that decided it") String rebalanceId,
      @Nullable
          @Doc(
              "What decided an order no signal decided (a forced close's breaker or rule, an"
                  + " execution algorithm's parent order); also the first step; null with signals")
          CauseView cause,
      @Doc("The signal and features behind the order, per strategy (empty: none journaled)")
          List<SignalView> signals,
      @Doc("Each risk rule that checked the order, in order: value, threshold, outcome")
          List<CheckView> checks,
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
