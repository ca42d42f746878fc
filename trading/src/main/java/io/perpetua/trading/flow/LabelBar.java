package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;

/**
 * The one-second price bar a {@link LabelTracker} is accumulating for a symbol (part of the restart
 * state).
 *
 * <p>Immutable.
 *
 * @param instrument the symbol
 * @param second the bar's second, epoch seconds
 * @param high the highest trade price
 * @param low the lowest trade price
 * @param close the last trade price
 */
public record LabelBar(
    InstrumentId instrument, long second, double high, double low, double close) {
  /** Validates the fields. */
  public LabelBar {
    if (instrument == null || !(low <= close && close <= high)) {
      throw new IllegalArgumentException("a bar needs a symbol and low ≤ close ≤ high");
    }
  }
}
