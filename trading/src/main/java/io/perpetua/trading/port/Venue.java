package io.perpetua.trading.port;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Order;

/**
 * Where orders go: the simulated venue in backtest and paper, a real exchange adapter live.
 * Outcomes arrive asynchronously through the {@link VenueListener}.
 *
 * <p>Contract: a second submission with a client order id the venue has already seen is rejected as
 * a duplicate and never creates a second order.
 */
public interface Venue {
  /** Sets the receiver of acknowledgements, fills and rejections. */
  void setListener(VenueListener listener);

  /** Submits an order (asynchronous). */
  void submit(Order order);

  /** Cancels an open order; no-op when it is already terminal. */
  void cancel(ClientOrderId clientOrderId);

  /** True when the venue is a simulation (orders are dry-run). */
  boolean isSimulated();
}
