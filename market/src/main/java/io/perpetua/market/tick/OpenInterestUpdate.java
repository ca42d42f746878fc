package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * An open-interest sample ({@code openInterestHist}, 5 min).
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param timeMs sample time, epoch ms
 * @param openInterest open interest in base units (positive)
 */
public record OpenInterestUpdate(InstrumentId instrument, long timeMs, double openInterest)
    implements FlowTick {

  /** Validates the fields. */
  public OpenInterestUpdate {
    Ticks.requireInstrument(instrument);
    Ticks.requirePositive("openInterest", openInterest);
  }
}
