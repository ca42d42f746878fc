/**
 * The audit log: every human action and automated decision as an {@link
 * io.perpetua.auth.audit.AuditEvent}, appended to one append-only {@link
 * io.perpetua.auth.audit.AuditLog} whose entries are chained by hash ({@link
 * io.perpetua.auth.audit.AuditChain}), so an edit or deletion is detected and the first broken
 * entry named.
 */
package io.perpetua.auth.audit;
