package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.Price;
import java.util.List;

/**
 * The kernel's latest prices by instrument index (the bar closes, kept as {@code double}s for the
 * per-step loops) and when each was seen, as the order path reads them: one fixed-point {@link
 * Price} per instrument, rounded to its tick, or {@code null} when there is no positive price yet.
 *
 * <p>A view over the kernel's arrays, not a copy: read it on the kernel thread only.
 *
 * @param price latest price by instrument index, NaN or {@code <= 0} when unknown
 * @param timeMs when each price was seen (kernel time)
 */
record Marks(double[] price, long[] timeMs) {

  /** The mark of instrument {@code i} as a price on its tick, or null when there is none. */
  Price priceOf(int i, Instrument instrument) {
    double p = price[i];
    return p > 0 ? instrument.price(p) : null;
  }

  /** Every instrument's mark as {@link #priceOf}. */
  Price[] prices(List<Instrument> instruments) {
    Price[] out = new Price[instruments.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = priceOf(i, instruments.get(i));
    }
    return out;
  }
}
