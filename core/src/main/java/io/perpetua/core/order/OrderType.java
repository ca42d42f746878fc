package io.perpetua.core.order;

import io.perpetua.core.WireCode;

/** The type of an order. */
public enum OrderType implements WireCode {
  /** Executes immediately at the best available price (taker). */
  MARKET,
  /** Rests at a limit price; post-only limits never take liquidity. */
  LIMIT;

  @Override
  public String code() {
    return this == MARKET ? "market" : "limit";
  }

  /** Parses {@code market} / {@code limit}. */
  public static OrderType parse(String code) {
    return WireCode.parse(OrderType.class, "type", code);
  }
}
