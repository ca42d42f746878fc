/**
 * Overfitting statistics in {@code double} (module {@code analytics}): the Probabilistic and
 * Deflated Sharpe Ratios, expected maximum Sharpe ratio, minimum track-record and backtest lengths
 * ({@link io.perpetua.analytics.overfit.SharpeStatistics}), the Probability of Backtest Overfitting
 * by CSCV ({@link io.perpetua.analytics.overfit.Pbo}), parameter-jitter sensitivity and seeded
 * bootstrap intervals. Pure functions with no dependency on any optimiser; the conventions
 * (per-period Sharpe ratios, non-excess kurtosis, T − 1) are in {@code docs/metrics.md}. Every
 * class is stateless or immutable and thread-safe.
 */
package io.perpetua.analytics.overfit;
