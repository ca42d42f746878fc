package io.perpetua.trading.risk;

/**
 * The portfolio at one kernel step, as the risk engine observes it.
 *
 * @param timeMs kernel time
 * @param equity wallet + unrealised PnL
 * @param longNotional Σ notional of long positions
 * @param shortNotional Σ |notional| of short positions
 * @param largestPosition the largest |position notional|
 * @param largestSymbol its symbol (API form), or null when flat
 */
public record PortfolioReading(
    long timeMs,
    double equity,
    double longNotional,
    double shortNotional,
    double largestPosition,
    String largestSymbol) {}
