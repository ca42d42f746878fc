package io.perpetua.venue.generic;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One perpetual listed on the generic venue, under the venue's own symbol ({@code BTC-PERP}).
 *
 * <p>Immutable. Tick and step are positive; the minimum notional is not negative.
 *
 * @param symbol the venue symbol, {@code <BASE>-PERP}
 * @param tickSize price increment
 * @param stepSize quantity increment
 * @param minNotional smallest order notional (price × quantity) accepted
 * @param initialPrice the last price before the first print
 */
public record GenericListing(
    String symbol,
    BigDecimal tickSize,
    BigDecimal stepSize,
    BigDecimal minNotional,
    BigDecimal initialPrice) {

  /** Validates the listing. */
  public GenericListing {
    Objects.requireNonNull(symbol, "symbol");
    if (!symbol.endsWith(GenericSymbols.SUFFIX)) {
      throw new IllegalArgumentException("generic venue symbols end with -PERP: " + symbol);
    }
    if (tickSize.signum() <= 0 || stepSize.signum() <= 0 || initialPrice.signum() <= 0) {
      throw new IllegalArgumentException(symbol + ": tick, step and price must be positive");
    }
    if (minNotional.signum() < 0) {
      throw new IllegalArgumentException(symbol + ": min notional must not be negative");
    }
  }
}
