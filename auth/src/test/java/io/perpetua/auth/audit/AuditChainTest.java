package io.perpetua.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private static AuditEvent event(int i) {
    return new AuditEvent(
        Instant.ofEpochMilli(1_000L * i),
        "alice",
        "risk.update",
        "risk_limits",
        "",
        "{\"a\":" + i + "}",
        "{\"a\":" + (i + 1) + "}",
        "because",
        "rq" + i);
  }

  @Test
  void untouchedLog_verifies() {
    InMemoryAuditLog log = new InMemoryAuditLog();
    for (int i = 0; i < 5; i++) {
      log.append(event(i));
    }
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.checked()).isEqualTo(5);
  }

  @Test
  void editedEntry_isNamed() {
    InMemoryAuditLog log = new InMemoryAuditLog();
    for (int i = 0; i < 5; i++) {
      log.append(event(i));
    }
    AuditEntry third = log.query(new AuditQuery(null, null, null, null, null, null, 2, 1)).get(0);
    AuditEvent e = third.event();
    AuditEvent forged =
        new AuditEvent(
            e.at(),
            "mallory",
            e.action(),
            e.entity(),
            e.entityId(),
            e.before(),
            e.after(),
            e.reason(),
            e.requestId());
    log.tamper(2, new AuditEntry(third.seq(), forged, third.prevHash(), third.hash()));
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(3);
    assertThat(v.problem()).contains("modified");
  }

  @Test
  void deletedEntry_isNamed() {
    InMemoryAuditLog log = new InMemoryAuditLog();
    for (int i = 0; i < 5; i++) {
      log.append(event(i));
    }
    log.delete(1);
    AuditChain.Verification v = log.verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(2);
    assertThat(v.problem()).contains("missing");
  }

  @Test
  void recomputedHashWithoutRelinking_breaksTheNextLink() {
    InMemoryAuditLog log = new InMemoryAuditLog();
    for (int i = 0; i < 3; i++) {
      log.append(event(i));
    }
    AuditEntry first = log.query(new AuditQuery(null, null, null, null, null, null, 0, 1)).get(0);
    AuditEvent forged = event(42);
    log.tamper(
        0,
        new AuditEntry(
            1, forged, AuditChain.GENESIS, AuditChain.hash(1, forged, AuditChain.GENESIS)));
    assertThat(first.seq()).isEqualTo(1);
    AuditChain.Verification v = log.verify();
    assertThat(v.firstBrokenSeq()).isEqualTo(2);
    assertThat(v.problem()).contains("link");
  }
}
