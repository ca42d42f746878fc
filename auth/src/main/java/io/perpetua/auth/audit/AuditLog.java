package io.perpetua.auth.audit;

import java.util.List;
import java.util.function.Consumer;

/**
 * The append-only audit log (a port: in memory for tests, one JDBC table in the platform). Appends
 * are serialized so each entry links to the one before it; nothing updates or deletes entries.
 * Thread-safe.
 */
public interface AuditLog {
  /** Appends {@code event} after the last entry; returns the stored entry. */
  AuditEntry append(AuditEvent event);

  /**
   * Appends {@code events} in order (adapters may do it in one transaction: all or none).
   *
   * @return the stored entries
   */
  default List<AuditEntry> appendAll(List<AuditEvent> events) {
    List<AuditEntry> out = new java.util.ArrayList<>(events.size());
    for (AuditEvent e : events) {
      out.add(append(e));
    }
    return out;
  }

  /** Entries matching {@code query}, in position order. */
  List<AuditEntry> query(AuditQuery query);

  /** Feeds every entry, in position order, to {@code sink} (for verification and export). */
  void scan(Consumer<AuditEntry> sink);

  /** Verifies the whole chain. */
  default AuditChain.Verification verify() {
    AuditChain.Verifier verifier = new AuditChain.Verifier();
    scan(verifier::accept);
    return verifier.result();
  }
}
