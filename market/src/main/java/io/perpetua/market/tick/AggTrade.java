package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * An aggregated trade ({@code <sym>@aggTrade}): consecutive fills of one taker order at the same
 * price and time, merged.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param aggId the aggregate id (the first trade id of the group), increasing per instrument
 * @param timeMs trade time, epoch ms
 * @param price trade price (positive)
 * @param quantity base quantity (positive)
 * @param buyerMaker true when the buyer was the maker, i.e. the taker sold
 */
public record AggTrade(
    InstrumentId instrument,
    long aggId,
    long timeMs,
    double price,
    double quantity,
    boolean buyerMaker)
    implements FlowTick {

  /** Validates the fields. */
  public AggTrade {
    Ticks.requireInstrument(instrument);
    if (!(price > 0) || !Double.isFinite(price)) {
      throw new IllegalArgumentException("aggTrade price must be positive and finite: " + price);
    }
    if (!(quantity > 0) || !Double.isFinite(quantity)) {
      throw new IllegalArgumentException(
          "aggTrade quantity must be positive and finite: " + quantity);
    }
  }

  /** True when the taker bought. */
  public boolean takerBuy() {
    return !buyerMaker;
  }

  /** {@code price × quantity} in quote currency. */
  public double notional() {
    return price * quantity;
  }
}
