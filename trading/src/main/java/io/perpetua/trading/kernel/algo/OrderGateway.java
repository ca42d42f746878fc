package io.perpetua.trading.kernel.algo;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Order;

/**
 * What an execution algorithm sends its orders through: the kernel's one order path (risk engine,
 * order records, journal, venue port). Outcomes come back through the algorithm's {@code on*}
 * methods, routed by client order id. Kernel thread only.
 */
public interface OrderGateway {
  /**
   * Checks {@code order} against the risk engine and sends it to the venue; false when it was
   * rejected before reaching the venue (the rejection is also reported to the algorithm).
   */
  boolean submit(Order order);

  /**
   * {@link #submit(Order)} of a child order of the algorithm order {@code parent} (its key), which
   * the decision replay names as the child's cause.
   */
  default boolean submit(Order order, String parent) {
    return submit(order);
  }

  /** Asks the venue to cancel a working order (no-op when it is already terminal). */
  void cancel(ClientOrderId clientOrderId);

  /** The kernel clock (epoch ms). */
  long nowMillis();
}
