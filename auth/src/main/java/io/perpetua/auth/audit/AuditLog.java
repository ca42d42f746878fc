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

  /**
   * The head record kept beside the entries (position and hash of the newest entry, written with
   * every append), or empty when this log keeps none ({@link #keepsHead()} false) or it is missing.
   */
  default java.util.Optional<AuditChain.Head> head() {
    return java.util.Optional.empty();
  }

  /** Whether this log keeps a head record (then a missing one is a break). */
  default boolean keepsHead() {
    return false;
  }

  /**
   * Verifies the whole chain, and that it reaches its head record (entries removed from the end of
   * the log leave the head pointing past it).
   */
  default AuditChain.Verification verify() {
    return verify(null);
  }

  /**
   * Verifies the whole chain, its head record and also {@code anchor} when given: a head copied
   * outside the database earlier (the log must still reach it with the same hash).
   */
  default AuditChain.Verification verify(AuditChain.Head anchor) {
    java.util.Optional<AuditChain.Head> head = head(); // read first: appends may follow
    AuditChain.Verifier verifier = new AuditChain.Verifier();
    head.ifPresent(h -> verifier.expect(h, "the head record"));
    if (anchor != null) {
      verifier.expect(anchor, "the anchored head " + anchor.seq());
    }
    scan(verifier::accept);
    AuditChain.Verification v = verifier.result();
    if (v.ok() && keepsHead() && head.isEmpty() && v.checked() > 0) {
      return new AuditChain.Verification(
          false, v.checked(), 1, "the head record is missing (deleted?)");
    }
    return v;
  }
}
