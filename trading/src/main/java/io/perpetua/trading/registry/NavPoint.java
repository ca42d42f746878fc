package io.perpetua.trading.registry;

/**
 * A strategy's virtual-book NAV at a UTC day boundary.
 *
 * @param dayMs the day (UTC midnight, epoch ms)
 * @param nav the NAV in USDT
 */
public record NavPoint(long dayMs, double nav) {}
