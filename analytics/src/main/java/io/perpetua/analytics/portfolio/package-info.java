/**
 * Portfolio analytics behind the {@code /api/v1/portfolio} endpoints (NAV, daily PnL, drawdown,
 * volatility, position deviation): pure functions over NAV snapshots and weights, no I/O. {@link
 * io.perpetua.analytics.portfolio.PortfolioAnalytics} is the entry point; every result is an
 * immutable record validated in its constructor; undefined values are {@code NaN} (rendered as
 * {@code null} in JSON), never exceptions. The return statistics and drawdowns are those of {@link
 * io.perpetua.analytics.metrics} (simple returns, sample standard deviation, risk-free 0).
 * Definitions and conventions: {@code docs/metrics.md}, section "Portfolio analytics".
 */
package io.perpetua.analytics.portfolio;
