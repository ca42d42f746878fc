package io.perpetua.trading.carry;

import io.perpetua.core.Money;

/**
 * Funding booked by a carry at a settlement.
 *
 * @param timeMs settlement time, epoch ms
 * @param rate the funding rate
 * @param amount received (+) or paid (−) by the perp short, quote currency: {@code rate × perp
 *     short × mark}, rounded half-even to 1e-8
 */
public record CarryFunding(long timeMs, double rate, Money amount) {}
