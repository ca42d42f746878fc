package io.perpetua.trading.control;

import java.math.BigDecimal;

/**
 * Spec 001 {@code AccountState}: what the venue said the account holds at its last sync. Money in
 * the settlement currency (USDT), positions in units of the underlying.
 *
 * @param accountId account id
 * @param exchange venue name
 * @param totalBalance wallet balance
 * @param availableBalance wallet minus the margin the positions use (notional / leverage)
 * @param netPosition signed position in the account's first underlying
 * @param unrealizedPnl unrealised PnL of the control plane's own fills (0 without them)
 * @param entryPrice average entry of the control plane's own fills, or null
 * @param currentPrice the mid of the latest book, or null
 * @param leverage configured leverage
 * @param lastUpdated sync time, epoch ms
 */
public record AccountState(
    String accountId,
    String exchange,
    BigDecimal totalBalance,
    BigDecimal availableBalance,
    BigDecimal netPosition,
    BigDecimal unrealizedPnl,
    BigDecimal entryPrice,
    BigDecimal currentPrice,
    Integer leverage,
    long lastUpdated) {}
