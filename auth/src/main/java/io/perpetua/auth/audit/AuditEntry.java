package io.perpetua.auth.audit;

import java.util.Objects;

/**
 * An entry of the audit log: the event, its position, the previous entry's hash and its own hash
 * ({@link AuditChain#hash}). Immutable.
 *
 * @param seq position, 1 for the first entry, no gaps
 * @param event what was recorded
 * @param prevHash the previous entry's {@link #hash}, or {@link AuditChain#GENESIS} for the first
 * @param hash SHA-256 hex over {@code seq}, the event and {@code prevHash}
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String hash) {
  /** Validates. */
  public AuditEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }
}
