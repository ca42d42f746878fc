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
    if (rebalance != null) {
      for (AuditEntry e :
          log.query(new AuditQuery("rebalances", rebalance, null, null, null, null, 0, 100))) {
        steps.add(Step.of("decision", e));
      }
    }
    List<SignalView> signals = new ArrayList<>();
    List<CheckView> checks = new ArrayList<>();
    for (AuditEntry e : own) {
      String action = e.event().action();
      if (action.equals(DECIDED)) {
        readDecision(e.event().after(), signals, checks);
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
    return new Timeline(orderId, rebalance, signals, checks, steps);
  }

  private static final String DECIDED = "order.decided";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the signals and the rules' readings out of an {@code order.decided} entry. */
  private static void readDecision(String after, List<SignalView> signals, List<CheckView> checks) {
    JsonNode root;
    try {
      root = after == null ? null : JSON.readTree(after);
    } catch (java.io.IOException e) {
      return; // not the kernel's JSON: the step's detail still shows the text
    }
    if (root == null) {
      return;
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
  }

  private static String text(JsonNode n) {
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
              allowed = {"decision", "signal", "risk", "order", "fill"})
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
