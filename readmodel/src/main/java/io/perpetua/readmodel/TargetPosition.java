package io.perpetua.readmodel;

/**
 * A target position of the strategy.
 *
 * @param symbol API symbol
 * @param side {@code long} or {@code short}
 * @param targetWeight signed weight of equity (negative for shorts)
 * @param signalValue the signal that selected it
 * @param reason e.g. {@code baseline_rev_long}
 */
public record TargetPosition(
    String symbol, String side, double targetWeight, double signalValue, String reason) {}
