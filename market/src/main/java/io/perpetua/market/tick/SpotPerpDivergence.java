package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * Spot–perp divergence sample (1 s): {@code (spotMid − mark)/mark}; positive means spot trades
 * above the perpetual's mark.
 *
 * <p>Immutable.
 *
 * @param instrument the perpetual
 * @param timeMs sample time, epoch ms
 * @param spotMid the spot mid price (positive)
 * @param markPrice the perpetual's mark price (positive)
 */
public record SpotPerpDivergence(
    InstrumentId instrument, long timeMs, double spotMid, double markPrice) implements FlowTick {

  /** Validates the fields. */
  public SpotPerpDivergence {
    Ticks.requireInstrument(instrument);
    Ticks.requirePositive("spotMid", spotMid);
    Ticks.requirePositive("markPrice", markPrice);
  }

  /** {@code (spotMid − mark)/mark}. */
  public double divergence() {
    return (spotMid - markPrice) / markPrice;
  }
}
