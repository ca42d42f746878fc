package io.perpetua.analytics.portfolio;

import java.util.Objects;

/**
 * One symbol's volatility and its share of the portfolio's ({@code GET
 * /api/v1/portfolio/volatility?level=symbol}). Immutable.
 *
 * @param symbol the symbol as given
 * @param weight its portfolio weight (signed: negative = short)
 * @param annualizedVolatility sample standard deviation of its own daily returns (every day it has
 *     one) × √periodsPerYear; {@code NaN} with fewer than two
 * @param contributionToPortfolioVol Euler contribution {@code w_i (Σ w)_i / σ_p}, annualised; the
 *     contributions of all symbols sum to the portfolio volatility
 */
public record SymbolVolatility(
    String symbol, double weight, double annualizedVolatility, double contributionToPortfolioVol) {
  /** Validates that the symbol is present. */
  public SymbolVolatility {
    Objects.requireNonNull(symbol, "symbol");
  }
}
