/**
 * Performance metrics of a backtest: return statistics (Sharpe, Sortino, CAGR, volatility),
 * drawdowns, trade statistics, monthly returns and the {@link
 * io.perpetua.backtest.metrics.MetricsCalculator} that fills {@link io.perpetua.jobs.Metrics}.
 * Every class here is stateless or immutable and thread-safe; undefined values are {@code NaN},
 * never exceptions. Definitions and conventions: {@code docs/metrics.md}.
 */
package io.perpetua.backtest.metrics;
