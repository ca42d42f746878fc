package io.perpetua.trading.port;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Order;

/**
 * Where orders go: the simulated venue in backtest and paper, a real exchange adapter live.
 * Outcomes arrive asynchronously through the {@link VenueListener}.
 *
 * <p>Orders name the platform's instruments; the adapter translates them to its venue's symbols and
 * ids. The port carries no time in force: whether limits are post-only is the adapter's setting
 * ({@code BinanceVenue} {@code GTX}, {@code GenericVenue} post-only), which is what maker-first
 * execution ({@code MakerFirstVenue}) relies on.
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
