package io.perpetua.jobs;

/**
 * One closed round trip in one symbol: from flat (or a side change) to flat (or the next side
 * change). PnL is net of the fees and funding attributed to it.
 *
 * @param symbol API symbol
 * @param side {@code long} or {@code short}
 * @param entryTimeMs first fill that opened it
 * @param exitTimeMs fill that closed it
 * @param quantity largest absolute quantity held
 * @param entryPrice average entry price
 * @param exitPrice average exit price
 * @param grossPnl price PnL
 * @param fees fees paid on its fills
 * @param funding funding received (negative when paid) while open
 * @param netPnl gross − fees + funding
 */
public record TradeRecord(
    String symbol,
    String side,
    long entryTimeMs,
    long exitTimeMs,
    double quantity,
    double entryPrice,
    double exitPrice,
    double grossPnl,
    double fees,
    double funding,
    double netPnl) {}
