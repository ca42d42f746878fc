package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.OrderSide;

/**
 * A forced liquidation ({@code forceOrder}). A BUY order means a short was liquidated, a SELL order
 * means a long was liquidated.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param timeMs event time, epoch ms
 * @param side the liquidation order's side
 * @param price average fill price (positive)
 * @param quantity filled base quantity (positive)
 */
public record Liquidation(
    InstrumentId instrument, long timeMs, OrderSide side, double price, double quantity)
    implements FlowTick {

  /** Validates the fields. */
  public Liquidation {
    Ticks.requireInstrument(instrument);
    if (side == null) {
      throw new IllegalArgumentException("liquidation side is required");
    }
    Ticks.requirePositive("price", price);
    Ticks.requirePositive("quantity", quantity);
  }

  /** True when a short position was liquidated (a BUY order). */
  public boolean shortLiquidated() {
    return side == OrderSide.BUY;
  }

  /** Liquidated notional in quote currency. */
  public double notional() {
    return price * quantity;
  }
}
