package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.auth.audit.AuditChain;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.auth.audit.AuditQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log on a database: appends chain, queries filter, and {@code verify} names the first
 * broken entry after a manual {@code UPDATE} or {@code DELETE} in SQL (what an intruder with
 * database access would do).
 */
public abstract class AuditLogContract {
  private AuditLog log;

  /** A fresh, empty log. */
  protected abstract AuditLog openFresh() throws Exception;

  /** A second handle on the same database (another process, e.g. the CLI). */
  protected abstract AuditLog openAgain();

  /** A raw connection to the same database, for tampering. */
  protected abstract Connection connect() throws SQLException;

  /** Closes everything. */
  protected abstract void closeStore();

  @BeforeEach
  void open() throws Exception {
    log = openFresh();
  }

  @AfterEach
  void close() {
    closeStore();
  }

  private static AuditEvent event(int i) {
    return new AuditEvent(
        Instant.ofEpochMilli(1_700_000_000_000L + i * 1000L),
        i % 2 == 0 ? "alice" : "system:kernel",
        i % 2 == 0 ? "risk.resume" : "order.submitted",
        i % 2 == 0 ? "risk_controls" : "orders",
        "id-" + i,
        i == 0 ? null : "{\"v\":" + (i - 1) + "}",
        "{\"v\":" + i + ",\"note\":\"é ☃\"}",
        "reason " + i,
        "rq-" + i);
  }

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      log.append(event(i));
    }
  }

  @Test
  void untouchedLog_verifies_andRoundTrips() {
    append(6);
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.checked()).isEqualTo(6);
    List<AuditEntry> orders =
        log.query(new AuditQuery("orders", null, null, "order.", null, null, 0, 100));
    assertThat(orders).extracting(AuditEntry::seq).containsExactly(2L, 4L, 6L);
    assertThat(orders.get(0).event()).isEqualTo(event(1));
    assertThat(
            log.query(
                new AuditQuery(
                    null,
                    null,
                    "alice",
                    null,
                    Instant.ofEpochMilli(1_700_000_002_000L),
                    null,
                    0,
                    100)))
        .extracting(AuditEntry::seq)
        .containsExactly(3L, 5L);
    assertThat(log.query(new AuditQuery(null, null, null, "risk_", null, null, 0, 100))).isEmpty();
  }

  @Test
  void twoWriters_keepOneLinearChain() {
    append(2);
    AuditLog other = openAgain();
    other.append(event(10));
    log.append(event(11));
    other.append(event(12));
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.checked()).isEqualTo(5);
  }

  @Test
  void batchAppend_continuesTheChain() {
    append(2);
    List<AuditEntry> batch = log.appendAll(List.of(event(2), event(3), event(4)));
    assertThat(batch).extracting(AuditEntry::seq).containsExactly(3L, 4L, 5L);
    log.append(event(5));
    assertThat(openAgain().appendAll(List.of(event(6), event(7)))).hasSize(2);
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.checked()).isEqualTo(8);
  }

  @Test
  void manualUpdate_isNamed() throws SQLException {
    append(6);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4");
    }
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.problem()).contains("entry 4").contains("modified");
  }

  @Test
  void manualDelete_isNamed() throws SQLException {
    append(6);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_log WHERE seq = 3");
    }
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(3);
    assertThat(v.problem()).contains("entry 3").contains("missing");
  }

  @Test
  void truncatedTail_isNamed_byTheHeadRecord() throws SQLException {
    append(6);
    assertThat(log.head()).contains(new AuditChain.Head(6, last().hash()));
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_log WHERE seq >= 5");
    }
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(5);
    assertThat(v.problem()).contains("entries 5..6").contains("end of the log");
  }

  @Test
  void deletedHeadRecord_isNamed() throws SQLException {
    append(3);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_head");
    }
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.problem()).contains("head record is missing");
  }

  @Test
  void truncationFoundOnStart_isRecordedInTheChain_evenAfterTheLogGrowsPastTheOldHead()
      throws SQLException {
    append(6);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_log WHERE seq >= 4");
    }
    AuditLog restarted = openAgain(); // a new process: loads the last entry (3), reads the head (6)
    for (int i = 0; i < 6; i++) {
      restarted.append(event(20 + i));
    }
    AuditChain.Verification v = restarted.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.problem()).contains("entries 4..6 were removed");
    assertThat(restarted.head().orElseThrow().seq()).isEqualTo(10);
  }

  @Test
  void externalAnchor_catchesARewrittenTail() throws SQLException {
    append(4);
    AuditChain.Head anchor = log.head().orElseThrow();
    assertThat(log.verify(anchor).ok()).isTrue();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      // an intruder removes the tail and rewinds the head record too: only the anchor notices
      s.executeUpdate("DELETE FROM audit_log WHERE seq = 4");
      s.executeUpdate(
          "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)");
    }
    assertThat(log.verify().ok()).isTrue();
    AuditChain.Verification v = log.verify(anchor);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem()).contains("anchored head 4");
  }

  private AuditEntry last() {
    List<AuditEntry> all = new java.util.ArrayList<>();
    log.scan(all::add);
    return all.getLast();
  }
}
