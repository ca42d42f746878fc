package io.perpetua.analytics.portfolio;

/**
 * The drawdown at one snapshot. Immutable.
 *
 * @param timeMs time of the snapshot, epoch milliseconds UTC
 * @param drawdown {@code nav / running peak − 1}, ≤ 0 for a positive NAV ({@code NaN} while the
 *     running peak is not positive)
 */
public record DrawdownPoint(long timeMs, double drawdown) {}
