package io.perpetua.core;

/**
 * One (aggregated) trade on a venue.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param tradeId venue trade (or aggregate) id, increasing
 * @param timeMs trade time, epoch ms
 * @param price trade price
 * @param quantity trade quantity (positive)
 * @param buyerMaker true when the buyer was the maker, i.e. the taker sold
 */
public record TradeTick(
    InstrumentId instrument,
    long tradeId,
    long timeMs,
    double price,
    double quantity,
    boolean buyerMaker) {
  /** Validates price and quantity. */
  public TradeTick {
    if (!(price > 0) || !(quantity > 0)) {
      throw new IllegalArgumentException("trade price and quantity must be positive");
    }
  }
}
