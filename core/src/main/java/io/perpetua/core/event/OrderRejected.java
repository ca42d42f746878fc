package io.perpetua.core.event;

import io.perpetua.core.order.Order;

/**
 * An order was rejected (by a risk rule, a precision filter or the venue).
 *
 * @param eventTimeMs when
 * @param order the order
 * @param rule the rule or source that rejected it, e.g. {@code min_notional}
 * @param reason a human-readable reason
 */
public record OrderRejected(long eventTimeMs, Order order, String rule, String reason)
    implements Event {
  @Override
  public String type() {
    return "order.rejected";
  }
}
