package io.perpetua.auth.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An {@link AuditLog} in memory, for tests. Thread-safe (synchronized). */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized AuditEntry append(AuditEvent event) {
    AuditEntry entry = AuditChain.next(entries.isEmpty() ? null : entries.getLast(), event);
    entries.add(entry);
    return entry;
  }

  @Override
  public synchronized List<AuditEntry> query(AuditQuery query) {
    List<AuditEntry> out = new ArrayList<>();
    for (AuditEntry e : entries) {
      if (query.matches(e)) {
        out.add(e);
        if (out.size() == query.limit()) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public synchronized void scan(Consumer<AuditEntry> sink) {
    entries.forEach(sink);
  }

  /** Test hook: replaces entry {@code index} (simulates tampering). */
  synchronized void tamper(int index, AuditEntry replacement) {
    entries.set(index, replacement);
  }

  /** Test hook: removes entry {@code index} (simulates deletion). */
  synchronized void delete(int index) {
    entries.remove(index);
  }
}
