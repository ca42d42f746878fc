package io.perpetua.store.contract;

import static io.perpetua.store.contract.JournalFixtures.BTC;
import static io.perpetua.store.contract.JournalFixtures.ETH;
import static io.perpetua.store.contract.JournalFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditQuery;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.store.audit.AuditingTradingJournal;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.InMemoryTradingJournal;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.TradingHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditingTradingJournalTest {
  @TempDir Path tempDir;

  @Test
  void wrapperOfAHistory_isAHistory_soTheKernelRestoresWorkingOrders() {
    assertThat(AuditingTradingJournal.of(new InMemoryTradingJournal(), new InMemoryAuditLog()))
        .isNotInstanceOf(TradingHistory.class);
    try (Database db = Database.open(DatabaseConfig.embedded(tempDir))) {
      AuditingTradingJournal journal =
          AuditingTradingJournal.of(new JdbcTradingJournal(db), new InMemoryAuditLog());
      assertThat(journal).isInstanceOf(TradingHistory.class);
      Order open = JournalFixtures.marketOrder("o-7", BTC, T0);
      journal.commit(
          JournalFixtures.checkpoint(
              JournalFixtures.account("paper", "1000", T0),
              Map.of(),
              List.of(JournalFixtures.record(open, OrderStatus.PENDING, T0)),
              List.of(),
              List.of(),
              List.of()));
      assertThat(((TradingHistory) journal).openOrders())
          .extracting(r -> r.order().clientOrderId().value())
          .containsExactly("o-7");
    }
  }

  @Test
  void kernelDecisions_areAudited_once_afterTheCommit() {
    InMemoryAuditLog audit = new InMemoryAuditLog();
    InMemoryTradingJournal inner = new InMemoryTradingJournal();
    AuditingTradingJournal journal = AuditingTradingJournal.of(inner, audit);
    Order filled = JournalFixtures.marketOrder("o-1", BTC, T0);
    Order rejected = JournalFixtures.marketOrder("o-2", ETH, T0);
    KernelCheckpoint first =
        JournalFixtures.checkpoint(
            JournalFixtures.account("paper", "1000", T0),
            Map.of(),
            List.of(
                JournalFixtures.record(filled, OrderStatus.PENDING, T0),
                JournalFixtures.record(rejected, OrderStatus.REJECTED, T0)),
            List.of(),
            List.of(),
            List.of(JournalFixtures.rebalance("rb-1", T0, 1)));
    journal.commit(first);
    journal.commit(first); // idempotent re-commit: nothing new
    KernelCheckpoint second =
        JournalFixtures.checkpoint(
            JournalFixtures.account("paper", "1000", T0 + 1),
            Map.of(),
            List.of(JournalFixtures.record(filled, OrderStatus.FILLED, T0 + 1)),
            List.of(JournalFixtures.fill("t-1", filled, T0 + 1)),
            List.of(),
            List.of());
    journal.commit(second);
    assertThat(inner.recentOrders(10)).hasSize(2);
    List<AuditEntry> all = audit.query(new AuditQuery(null, null, null, null, null, null, 0, 100));
    assertThat(all)
        .extracting(e -> e.event().action() + " " + e.event().entityId())
        .containsExactly(
            "rebalance.completed rb-1",
            "order.pending o-1",
            "order.rejected o-2",
            "order.filled o-1",
            "order.fill o-1");
    assertThat(all).allMatch(e -> e.event().actor().equals("system:kernel"));
    assertThat(all.get(2).event().reason()).isEqualTo("min_notional: 4.2 < 5");
    assertThat(all.get(1).event().after()).contains("\"rebalance_id\":\"rb-1\"");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void orderDecision_isAudited_beforeTheOrder_withSignalFeaturesAndRuleReadings() {
    InMemoryAuditLog audit = new InMemoryAuditLog();
    AuditingTradingJournal journal = AuditingTradingJournal.of(new InMemoryTradingJournal(), audit);
    Order order = JournalFixtures.marketOrder("o-3", BTC, T0);
    var decision =
        new io.perpetua.trading.port.OrderDecision(
            "o-3",
            T0,
            List.of(
                new io.perpetua.trading.port.SignalTrace(
                    "baseline_rev", "1.25", "0.05", Map.of("zscore_neg_ret_2h", "0.7"))),
            List.of(
                new io.perpetua.trading.risk.RuleReading("emergency_stop", null, null, true),
                new io.perpetua.trading.risk.RuleReading(
                    "max_order_value", "1200", "1000", false)));
    commitDecision(journal, order, OrderStatus.REJECTED, decision);
    List<AuditEntry> all =
        audit.query(new AuditQuery("orders", "o-3", null, null, null, null, 0, 9));
    assertThat(all)
        .extracting(e -> e.event().action())
        .containsExactly("order.decided", "order.rejected");
    AuditEntry decided = all.get(0);
    assertThat(decided.event().reason()).isEqualTo("max_order_value");
    assertThat(decided.event().after())
        .contains("\"features\":{\"zscore_neg_ret_2h\":\"0.7\"}")
        .contains(
            "{\"rule\":\"max_order_value\",\"value\":\"1200\",\"threshold\":\"1000\","
                + "\"passed\":false}");
  }

  @Test
  void forcedCloseDecision_isAuditedWithItsCause() {
    InMemoryAuditLog audit = new InMemoryAuditLog();
    AuditingTradingJournal journal = AuditingTradingJournal.of(new InMemoryTradingJournal(), audit);
    Order order = JournalFixtures.marketOrder("o-4", BTC, T0);
    var decision =
        new io.perpetua.trading.port.OrderDecision(
            "o-4",
            T0,
            List.of(),
            List.of(),
            new io.perpetua.trading.port.OrderDecision.Cause(
                "risk_rule", "daily_loss", "risk-1-p"));
    commitDecision(journal, order, OrderStatus.OPEN, decision);
    AuditEntry decided =
        audit.query(new AuditQuery("orders", "o-4", null, null, null, null, 0, 9)).get(0);
    assertThat(decided.event().after())
        .contains(
            "\"cause\":{\"kind\":\"risk_rule\",\"source\":\"daily_loss\","
                + "\"detail\":\"risk-1-p\"}");
  }

  /** Commits {@code order} in {@code status} with its {@code decision}. */
  private static void commitDecision(
      AuditingTradingJournal journal,
      Order order,
      OrderStatus status,
      io.perpetua.trading.port.OrderDecision decision) {
    journal.commit(
        new KernelCheckpoint(
            JournalFixtures.account("paper", "1000", T0),
            Map.of(),
            List.of(JournalFixtures.record(order, status, T0)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(decision)));
  }
}
