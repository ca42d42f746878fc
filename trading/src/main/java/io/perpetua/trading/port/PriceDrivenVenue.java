package io.perpetua.trading.port;

import io.perpetua.core.InstrumentId;

/** A venue whose matching is driven by the kernel's market data (the simulated venue). */
public interface PriceDrivenVenue extends Venue {
  /** A new traded price of {@code instrument} at {@code timeMs}. */
  void onPrice(InstrumentId instrument, double price, long timeMs);

  /**
   * A trade of {@code quantity} at {@code price} (tick-driven matching: resting limits fill at most
   * the traded quantity). Defaults to {@link #onPrice}.
   */
  default void onTrade(InstrumentId instrument, double price, double quantity, long timeMs) {
    onPrice(instrument, price, timeMs);
  }

  /**
   * The kernel's position in {@code instrument} after a restart (a simulation that lost its state
   * takes it as its own; a real venue keeps its truth and ignores it).
   */
  default void adoptPosition(InstrumentId instrument, io.perpetua.core.Quantity quantity) {}

  /**
   * After a restart: takes back a working order the kernel journaled as partly filled ({@code
   * filled} so far), without acknowledging it again. A simulation that lost it rests the rest; a
   * real venue still has it and ignores this.
   */
  default void resume(io.perpetua.core.order.Order order, io.perpetua.core.Quantity filled) {}
}
