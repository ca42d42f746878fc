package io.perpetua.jobs;

/**
 * Performance metrics of a run; definitions in {@code docs/metrics.md}. Ratios are fractions
 * ({@code max_drawdown} is negative, e.g. −0.142); {@code NaN} when undefined (e.g. no trades).
 *
 * @param totalReturn final / initial equity − 1
 * @param cagr compound annual growth rate
 * @param volatility annualised standard deviation of periodic returns (sample, n−1)
 * @param sharpe annualised mean / std of periodic returns (risk-free 0)
 * @param sortino annualised mean / downside deviation
 * @param calmar CAGR / |max drawdown|
 * @param maxDrawdown worst peak-to-trough decline, negative fraction
 * @param maxDrawdownPeakMs time of the peak before the worst drawdown
 * @param maxDrawdownTroughMs time of the trough
 * @param winRate share of closed trades with positive net PnL
 * @param profitFactor gross profit / gross loss of closed trades
 * @param expectedValue mean net PnL per closed trade, USDT
 * @param totalTrades closed trades
 * @param avgTradeDurationSeconds mean holding time of closed trades
 * @param avgTurnover mean traded notional / equity per rebalance
 */
public record Metrics(
    double totalReturn,
    double cagr,
    double volatility,
    double sharpe,
    double sortino,
    double calmar,
    double maxDrawdown,
    long maxDrawdownPeakMs,
    long maxDrawdownTroughMs,
    double winRate,
    double profitFactor,
    double expectedValue,
    int totalTrades,
    double avgTradeDurationSeconds,
    double avgTurnover)
    implements java.io.Serializable {}
