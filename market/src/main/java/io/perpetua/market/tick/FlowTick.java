package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * One order-flow market input (spec §1) for one perpetual: a trade, a mark-price/funding update, an
 * open-interest sample, positioning ratios, a liquidation, a book-imbalance sample or a spot–perp
 * divergence sample. Every implementation is an immutable record validated in its constructor.
 */
public sealed interface FlowTick
    permits AggTrade,
        MarkPriceUpdate,
        OpenInterestUpdate,
        PositionRatios,
        Liquidation,
        BookImbalance,
        SpotPerpDivergence {

  /** The instrument. */
  InstrumentId instrument();

  /** When it happened, epoch milliseconds UTC. */
  long timeMs();
}
