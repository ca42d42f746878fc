package io.perpetua.trading.kernel;

import io.perpetua.core.Quantity;
import io.perpetua.core.order.Order;
import io.perpetua.trading.port.OrderRecord;
import java.util.Collection;

/**
 * The reduce-only rule of a netted account (one position per instrument, as a venue in one-way mode
 * keeps it): several strategies' brackets share the account's net position, so one bracket's exit
 * may be on the same side as the net position rather than against it, or larger than what the net
 * position still has to give after the reduce-only orders already working. A venue refuses such an
 * order as reduce-only (Binance {@code -2022}); a simulated venue would clip it. The order is then
 * sent without the flag (the exit still closes its bracket's share; the account's net moves as the
 * strategies' books say). Stateless.
 */
final class NetReduceOnly {
  private NetReduceOnly() {}

  /**
   * {@code order} itself when it is not reduce-only or when it reduces the net position {@code
   * position} by its whole quantity after the other working orders of its side and instrument in
   * {@code working}; otherwise the same order (same client order id) without the reduce-only flag.
   */
  static Order apply(Order order, Quantity position, Collection<OrderRecord> working) {
    if (!order.reduceOnly() || reduces(order, position, working)) {
      return order;
    }
    return new Order(
        order.clientOrderId(),
        order.instrument(),
        order.side(),
        order.type(),
        order.quantity(),
        order.limitPrice(),
        false,
        order.strategy(),
        order.rebalanceId(),
        order.createdAtMs());
  }

  private static boolean reduces(Order order, Quantity position, Collection<OrderRecord> working) {
    // what an order of this side may still reduce: the net position against its side
    Quantity room = order.side().sign() > 0 ? position.negate() : position;
    for (OrderRecord r : working) {
      Order o = r.order();
      if (o.side() == order.side()
          && o.instrument().equals(order.instrument())
          && !o.clientOrderId().equals(order.clientOrderId())) {
        room = room.minus(r.remainingQuantity());
      }
    }
    return room.compareTo(order.quantity()) >= 0;
  }
}
