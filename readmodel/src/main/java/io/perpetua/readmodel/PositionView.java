package io.perpetua.readmodel;

/**
 * One open position as shown to users ({@code quant:account:positions}).
 *
 * @param symbol API symbol
 * @param side {@code long} or {@code short}
 * @param contracts absolute quantity
 * @param entryPrice average entry price
 * @param markPrice current mark price
 * @param unrealizedPnl unrealised PnL
 * @param leverage leverage
 * @param margin initial margin
 * @param liquidationPrice liquidation price, or null when not applicable
 * @param updatedAtMs kernel time of the snapshot
 */
public record PositionView(
    String symbol,
    String side,
    double contracts,
    double entryPrice,
    double markPrice,
    double unrealizedPnl,
    int leverage,
    double margin,
    Double liquidationPrice,
    long updatedAtMs) {}
