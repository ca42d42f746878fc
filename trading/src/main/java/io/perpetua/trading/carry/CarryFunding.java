package io.perpetua.trading.carry;

/**
 * Funding booked by a carry at a settlement.
 *
 * @param timeMs settlement time, epoch ms
 * @param rate the funding rate
 * @param amount received (+) or paid (−) by the perp short, quote currency
 */
public record CarryFunding(long timeMs, double rate, double amount) {}
