package io.perpetua.jobs;

/**
 * A symbol's contribution to the result.
 *
 * @param symbol API symbol
 * @param netPnl net PnL (price PnL − fees + funding)
 * @param fees fees paid
 * @param funding funding received
 * @param trades closed trades
 * @param tradedNotional total traded notional
 */
public record SymbolAttribution(
    String symbol, double netPnl, double fees, double funding, int trades, double tradedNotional) {}
