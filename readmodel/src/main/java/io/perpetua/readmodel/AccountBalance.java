package io.perpetua.readmodel;

/**
 * Account balance snapshot ({@code quant:account:balance}); USDT amounts.
 *
 * @param totalEquity wallet balance + unrealised PnL
 * @param availableBalance equity − used margin, never negative (see {@code CrossMargin})
 * @param usedMargin initial margin of open positions and working orders
 * @param unrealizedPnl unrealised PnL at mark prices
 * @param currency settlement currency
 * @param updatedAtMs kernel time of the snapshot
 */
public record AccountBalance(
    double totalEquity,
    double availableBalance,
    double usedMargin,
    double unrealizedPnl,
    String currency,
    long updatedAtMs) {}
