/**
 * Who may do what: {@link io.perpetua.auth.Role roles}, the authenticated {@link
 * io.perpetua.auth.Principal}, accounts ({@code account}), tokens ({@code token}), four-eyes
 * approvals ({@code approval}) and the hash-chained audit log ({@code audit}). Ports with in-memory
 * adapters; the JDBC adapters are in {@code store}, the HTTP routes in {@code server}.
 */
package io.perpetua.auth;
