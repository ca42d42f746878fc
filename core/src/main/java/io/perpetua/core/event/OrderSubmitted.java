package io.perpetua.core.event;

import io.perpetua.core.order.Order;

/**
 * An order passed risk and was sent to the venue.
 *
 * @param eventTimeMs when
 * @param order the order
 */
public record OrderSubmitted(long eventTimeMs, Order order) implements Event {
  @Override
  public String type() {
    return "order.submitted";
  }
}
