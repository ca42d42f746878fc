package io.perpetua.core.order;

import io.perpetua.core.WireCode;

/** Whether a fill added (maker) or removed (taker) liquidity. */
public enum Liquidity implements WireCode {
  /** Resting order was hit. */
  MAKER,
  /** Order crossed the book. */
  TAKER;

  @Override
  public String code() {
    return this == MAKER ? "maker" : "taker";
  }
}
