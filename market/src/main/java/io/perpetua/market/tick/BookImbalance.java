package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * Order-book imbalance over the top 10 levels ({@code depth10@100ms}): {@code OBI = (bidQty −
 * askQty)/(bidQty + askQty)}, in [−1, 1]; positive means more resting bids.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param timeMs sample time, epoch ms
 * @param imbalance the imbalance in [−1, 1]
 */
public record BookImbalance(InstrumentId instrument, long timeMs, double imbalance)
    implements FlowTick {

  /** Validates the fields. */
  public BookImbalance {
    Ticks.requireInstrument(instrument);
    if (!(imbalance >= -1 && imbalance <= 1)) {
      throw new IllegalArgumentException("imbalance must be in [-1, 1]: " + imbalance);
    }
  }

  /** The imbalance of summed bid and ask quantities over the levels (both non-negative). */
  public static BookImbalance of(
      InstrumentId instrument, long timeMs, double bidQty, double askQty) {
    if (!(bidQty >= 0) || !(askQty >= 0) || !(bidQty + askQty > 0)) {
      throw new IllegalArgumentException(
          "bid/ask quantities must be non-negative with a positive sum: " + bidQty + "/" + askQty);
    }
    return new BookImbalance(instrument, timeMs, (bidQty - askQty) / (bidQty + askQty));
  }
}
