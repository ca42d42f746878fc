package io.perpetua.trading.carry;

import io.perpetua.core.Price;
import io.perpetua.core.order.OrderSide;

/**
 * The latest quotes of both legs of a carry, fixed point at each instrument's price scale; {@code
 * null} for a side not quoted yet. Immutable.
 *
 * @param spotBid spot best bid
 * @param spotAsk spot best ask
 * @param perpBid perp best bid
 * @param perpAsk perp best ask
 */
record CarryQuotes(Price spotBid, Price spotAsk, Price perpBid, Price perpAsk) {
  static final CarryQuotes NONE = new CarryQuotes(null, null, null, null);

  /** The quote an order of {@code side} on the spot ({@code spot}) or perp leg trades against. */
  Price reference(boolean spot, OrderSide side) {
    boolean buy = side == OrderSide.BUY;
    return spot ? (buy ? spotAsk : spotBid) : (buy ? perpAsk : perpBid);
  }

  /** Whether a price is known and positive. */
  static boolean positive(Price p) {
    return p != null && p.isPositive();
  }
}
