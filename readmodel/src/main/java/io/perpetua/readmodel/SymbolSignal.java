package io.perpetua.readmodel;

/**
 * A symbol's signal value in a snapshot.
 *
 * @param symbol API symbol
 * @param signalValue the combined signal (higher = more long)
 * @param rank 1 = highest signal
 * @param side {@code long}, {@code short}, or null when not selected
 */
public record SymbolSignal(String symbol, double signalValue, int rank, String side) {}
