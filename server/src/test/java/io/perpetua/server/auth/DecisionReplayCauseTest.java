package io.perpetua.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.InMemoryAuditLog;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Orders no signal decided get their cause as the first timeline entry: the breaker or rule of a
 * forced close, an execution algorithm's parent order, or (a liquidation's orders have no decision
 * entry) the trigger of the rebalance that closed them. Signal orders have no cause.
 */
class DecisionReplayCauseTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private final InMemoryAuditLog log = new InMemoryAuditLog();

  private void append(Instant at, String action, String entity, String id, String after) {
    log.append(new AuditEvent(at, "system:kernel", action, entity, id, null, after, "", ""));
  }

  private static String order(String rebalance) {
    return "{\"symbol\":\"BTC/USDT:USDT\",\"rebalance_id\":"
        + (rebalance == null ? "null" : "\"" + rebalance + "\"")
        + ",\"status\":\"submitted\"}";
  }

  @Test
  void breakerCloseAll_orderStartsWithTheBreaker() {
    append(
        T,
        "order.decided",
        "orders",
        "c-1",
        "{\"signals\":[],\"cause\":{\"kind\":\"risk_rule\",\"source\":\"daily_loss\","
            + "\"detail\":\"risk-1-p\"},\"checks\":[]}");
    append(T, "order.submitted", "orders", "c-1", order("risk-1-p"));
    append(T.plusSeconds(1), "order.fill", "orders", "c-1", "{\"price\":\"1\"}");
    append(
        T.plusSeconds(2),
        "rebalance.completed",
        "rebalances",
        "risk-1-p",
        "{\"trigger\":\"daily_loss\"}");

    DecisionReplay.Timeline t = DecisionReplay.of(log, "c-1");
    assertThat(t.signals()).isEmpty();
    assertThat(t.cause())
        .isEqualTo(new DecisionReplay.CauseView("risk_rule", "daily_loss", "risk-1-p"));
    assertThat(t.steps().get(0).action()).isEqualTo("cause.risk_rule");
    assertThat(t.steps().get(0).reason()).isEqualTo("forced by daily_loss");
    assertThat(t.steps())
        .extracting(DecisionReplay.Step::stage)
        .containsExactly("cause", "signal", "order", "fill", "decision");
  }

  @Test
  void childOrder_startsWithItsParent() {
    append(
        T,
        "order.decided",
        "orders",
        "leg-1",
        "{\"signals\":[],\"cause\":{\"kind\":\"parent_order\",\"source\":\"d-7\","
            + "\"detail\":\"execution algorithm\"},\"checks\":[]}");
    append(T, "order.submitted", "orders", "leg-1", order(null));

    DecisionReplay.Timeline t = DecisionReplay.of(log, "leg-1");
    assertThat(t.cause().kind()).isEqualTo("parent_order");
    assertThat(t.steps().get(0).stage()).isEqualTo("cause");
    assertThat(t.steps().get(0).reason()).isEqualTo("child order of d-7");
  }

  @Test
  void liquidationWithoutADecisionEntry_takesTheRebalanceTrigger() {
    append(T, "order.submitted", "orders", "liq-o", order("liq-1-p"));
    append(
        T.plusSeconds(1),
        "rebalance.completed",
        "rebalances",
        "liq-1-p",
        "{\"trigger\":\"liquidation\"}");

    DecisionReplay.Timeline t = DecisionReplay.of(log, "liq-o");
    assertThat(t.cause())
        .isEqualTo(new DecisionReplay.CauseView("risk_rule", "liquidation", "liq-1-p"));
    assertThat(t.steps().get(0).stage()).isEqualTo("cause");
  }

  @Test
  void signalOrder_hasNoCause() {
    append(
        T,
        "order.decided",
        "orders",
        "s-1",
        "{\"signals\":[{\"strategy\":\"mom\",\"signal\":\"1\",\"target_weight\":\"0.1\","
            + "\"features\":{}}],\"checks\":[]}");
    append(T, "order.submitted", "orders", "s-1", order("rb-1"));
    append(T.plusSeconds(1), "rebalance.completed", "rebalances", "rb-1", "{\"trigger\":\"cron\"}");

    DecisionReplay.Timeline t = DecisionReplay.of(log, "s-1");
    assertThat(t.cause()).isNull();
    assertThat(t.steps()).extracting(DecisionReplay.Step::stage).doesNotContain("cause");
  }
}
