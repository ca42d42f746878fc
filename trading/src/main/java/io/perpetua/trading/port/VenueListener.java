package io.perpetua.trading.port;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;

/** Receives a venue's order outcomes, in the order they happened. */
public interface VenueListener {
  /** The venue accepted the order. */
  void onAccepted(Order order, long timeMs);

  /** The order was (partly) filled. */
  void onFill(Fill fill);

  /** The venue rejected the order. */
  void onRejected(Order order, String reason, long timeMs);

  /** The order was cancelled. */
  void onCancelled(ClientOrderId clientOrderId, long timeMs);
}
