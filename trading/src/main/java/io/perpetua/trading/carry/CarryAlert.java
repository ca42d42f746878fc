package io.perpetua.trading.carry;

/**
 * A risk event of a carry, for the alert channel and the audit log.
 *
 * @param severity {@code INFO}, {@code WARN} or {@code CRITICAL}
 * @param kind short stable code, e.g. {@code margin_danger}
 * @param message what happened, for a human
 * @param timeMs when, epoch ms
 */
public record CarryAlert(String severity, String kind, String message, long timeMs) {}
