package io.perpetua.trading.carry;

import io.perpetua.core.Quantity;

/**
 * What the API shows of an instance.
 *
 * @param spec its configuration
 * @param mode {@code dry_run} or {@code real}
 * @param state the machine's state
 * @param pending {@code start}, {@code close}, {@code mode_real} awaiting confirmation, or ""
 * @param cycle the carry cycle (client ids carry it)
 * @param spotPosition spot position
 * @param perpPosition perp position
 * @param hedgeDeviation the hedge deviation
 * @param fundingRate the latest funding rate read (NaN unknown)
 * @param lastError the latest market read failure, or ""
 * @param updatedMs the latest tick, epoch ms
 */
public record CarryStatus(
    CarrySpec spec,
    String mode,
    CarryState state,
    String pending,
    int cycle,
    Quantity spotPosition,
    Quantity perpPosition,
    double hedgeDeviation,
    double fundingRate,
    String lastError,
    long updatedMs) {}
