package io.perpetua.trading.port;

import io.perpetua.core.InstrumentId;

/** A venue whose matching is driven by the kernel's market data (the simulated venue). */
public interface PriceDrivenVenue extends Venue {
  /** A new traded price of {@code instrument} at {@code timeMs}. */
  void onPrice(InstrumentId instrument, double price, long timeMs);
}
