/**
 * Funding-rate research: annualised yields per venue and year, negative shares, cross-venue
 * spreads, and the spot-long / perp-short carry backtest on settlement histories
 * (docs/funding-carry.md). Analytics in {@code double}; nothing here sends orders.
 */
package io.perpetua.backtest.funding;
