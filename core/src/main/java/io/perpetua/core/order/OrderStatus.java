package io.perpetua.core.order;

import io.perpetua.core.WireCode;
import java.util.Locale;

/** The lifecycle state of an order; terminal states never change again. */
public enum OrderStatus implements WireCode {
  /** Created locally, not yet acknowledged by the venue. */
  PENDING,
  /** Resting on the venue. */
  OPEN,
  /** Partially filled and still working. */
  PARTIALLY_FILLED,
  /** Completely filled (terminal). */
  FILLED,
  /** Cancelled, possibly after partial fills (terminal). */
  CANCELLED,
  /** Rejected by risk or by the venue (terminal). */
  REJECTED,
  /** Expired by time in force (terminal). */
  EXPIRED;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when no further change can happen. */
  public boolean isTerminal() {
    return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
  }

  /** Parses a wire code. */
  public static OrderStatus parse(String code) {
    return WireCode.parse(OrderStatus.class, "status", code);
  }
}
