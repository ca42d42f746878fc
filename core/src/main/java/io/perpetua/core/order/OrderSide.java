package io.perpetua.core.order;

import io.perpetua.core.WireCode;

/** The side of an order or fill. */
public enum OrderSide implements WireCode {
  /** Buy (increase a long or reduce a short). */
  BUY,
  /** Sell (increase a short or reduce a long). */
  SELL;

  @Override
  public String code() {
    return this == BUY ? "buy" : "sell";
  }

  /** +1 for buy, -1 for sell. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }

  /** Parses {@code buy} / {@code sell}. */
  public static OrderSide parse(String code) {
    return WireCode.parse(OrderSide.class, "side", code);
  }
}
