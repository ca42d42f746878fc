package io.perpetua.store.contract;

import static io.perpetua.store.contract.JournalFixtures.BTC;
import static io.perpetua.store.contract.JournalFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditQuery;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.store.audit.AuditingTradingJournal;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcAuditLog;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.KernelCheckpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's decision entries commit in the journal's own transaction: when the audit insert
 * fails, the checkpoint is not committed either (before, the journal committed and the entries were
 * lost, as in a crash between the two), and the retried checkpoint records both.
 */
public abstract class AtomicAuditJournalContract {
  private Database database;

  /** A fresh, migrated database. */
  protected abstract Database openFresh() throws Exception;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void auditFailure_rollsTheCheckpointBack_andTheRetryRecordsBoth() throws Exception {
    database = openFresh();
    JdbcTradingJournal inner = new JdbcTradingJournal(database);
    JdbcAuditLog audit = new JdbcAuditLog(database);
    AuditingTradingJournal journal = AuditingTradingJournal.of(inner, audit);
    Order order = JournalFixtures.marketOrder("o-1", BTC, T0);
    KernelCheckpoint checkpoint =
        JournalFixtures.checkpoint(
            JournalFixtures.account("paper", "1000", T0),
            Map.of(),
            List.of(JournalFixtures.record(order, OrderStatus.PENDING, T0)),
            List.of(),
            List.of(),
            List.of());
    sql("ALTER TABLE audit_log ADD CONSTRAINT no_kernel CHECK (actor <> 'system:kernel')");

    assertThatThrownBy(() -> journal.commit(checkpoint)).isInstanceOf(RuntimeException.class);
    assertThat(inner.recentOrders(10)).isEmpty();
    assertThat(inner.loadAccount("paper")).isEmpty();

    sql("ALTER TABLE audit_log DROP CONSTRAINT no_kernel");
    journal.commit(checkpoint);
    assertThat(inner.recentOrders(10)).hasSize(1);
    List<AuditEntry> entries =
        audit.query(new AuditQuery("orders", "o-1", null, null, null, null, 0, 10));
    assertThat(entries).extracting(e -> e.event().action()).containsExactly("order.pending");
    assertThat(audit.verify().ok()).isTrue();
    assertThat(audit.head().orElseThrow().seq()).isEqualTo(1);
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
