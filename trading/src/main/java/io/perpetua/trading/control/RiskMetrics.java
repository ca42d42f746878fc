package io.perpetua.trading.control;

import java.math.BigDecimal;

/**
 * Spec 001 {@code RiskMetrics} of one account at one time.
 *
 * @param accountId account id
 * @param deltaDeviation |position − its share of the target| in units (the account's position when
 *     the target is 0)
 * @param utilizationRate used margin / wallet
 * @param leverageRatio gross notional / wallet
 * @param unrealizedPnl unrealised PnL known to the control plane
 * @param maxDrawdown largest fall of the wallet from its peak, as a fraction, over the history
 * @param timestamp epoch ms
 */
public record RiskMetrics(
    String accountId,
    BigDecimal deltaDeviation,
    double utilizationRate,
    double leverageRatio,
    BigDecimal unrealizedPnl,
    double maxDrawdown,
    long timestamp) {}
