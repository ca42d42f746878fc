package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * A mark-price update ({@code markPrice@1s} / {@code premiumIndex}) with the current funding rate.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param timeMs event time, epoch ms
 * @param markPrice the mark price (positive)
 * @param indexPrice the index price (positive)
 * @param fundingRate the current (predicted) funding rate per interval, a fraction
 * @param nextFundingTimeMs the next settlement time, epoch ms
 */
public record MarkPriceUpdate(
    InstrumentId instrument,
    long timeMs,
    double markPrice,
    double indexPrice,
    double fundingRate,
    long nextFundingTimeMs)
    implements FlowTick {

  /** Validates the fields. */
  public MarkPriceUpdate {
    Ticks.requireInstrument(instrument);
    Ticks.requirePositive("markPrice", markPrice);
    Ticks.requirePositive("indexPrice", indexPrice);
    Ticks.requireFinite("fundingRate", fundingRate);
  }
}
