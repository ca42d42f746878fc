package io.perpetua.core.event;

import io.perpetua.core.order.Fill;

/**
 * An order was (partly) filled.
 *
 * @param eventTimeMs when
 * @param fill the execution
 */
public record OrderFilled(long eventTimeMs, Fill fill) implements Event {
  @Override
  public String type() {
    return "order.filled";
  }
}
