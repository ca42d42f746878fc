package io.perpetua.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.audit.AuditEntry;
import java.io.IOException;
import java.util.List;

/**
 * The cause step of an order no signal decided ({@link DecisionReplay}): the cause the kernel
 * journaled with the order's decision, else the forced close its rebalance records (a liquidation's
 * orders skip the risk check, so they have no decision entry).
 */
final class OrderCauses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OrderCauses() {}

  /**
   * The cause a non-scheduled rebalance gives its orders: the trigger (the breaker or rule) of its
   * {@code rebalance.completed} entry; null for a scheduled rebalance or none.
   */
  static DecisionReplay.CauseView fromRebalance(List<AuditEntry> entries, String rebalance) {
    for (AuditEntry e : entries) {
      if (!e.event().action().equals("rebalance.completed")) {
        continue;
      }
      String trigger;
      try {
        String after = e.event().after();
        trigger = after == null ? null : DecisionReplay.text(JSON.readTree(after).get("trigger"));
      } catch (IOException ex) {
        trigger = null;
      }
      if (trigger != null && !trigger.equals("cron")) {
        return new DecisionReplay.CauseView("risk_rule", trigger, rebalance);
      }
    }
    return null;
  }

  /** The timeline's first step: {@code cause}, at the time and position of {@code at}. */
  static DecisionReplay.Step step(DecisionReplay.CauseView cause, AuditEntry at) {
    String why =
        switch (cause.kind()) {
          case "risk_rule" -> "forced by " + cause.source();
          case "parent_order" -> "child order of " + cause.source();
          default -> "rebalance " + cause.source();
        };
    return new DecisionReplay.Step(
        "cause",
        at.seq(),
        at.event().at(),
        "cause." + cause.kind(),
        at.event().actor(),
        why,
        cause.detail());
  }
}
