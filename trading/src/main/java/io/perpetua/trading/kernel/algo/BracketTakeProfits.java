package io.perpetua.trading.kernel.algo;

import io.perpetua.core.Quantity;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;

/**
 * The take-profit legs of an armed {@link BracketOrder}: the TP1 half and the TP2 rest, reduce-only
 * post-only limits at the bracket's levels. Each leg is journaled before it is sent, so a crash
 * between the two leaves an armed bracket with TP1 and without TP2; the bracket's next trade sends
 * the missing one ({@link #sendMissing} is idempotent: a leg already sent is never sent again).
 */
final class BracketTakeProfits {
  private BracketTakeProfits() {}

  /** Sends the take-profit legs {@code b} has not sent yet (both when it arms). */
  static void sendMissing(BracketOrder b) {
    OrderSide exitSide = b.spec.side() == OrderSide.BUY ? OrderSide.SELL : OrderSide.BUY;
    Quantity half =
        new Quantity(b.entered.raw() / 2, b.entered.scale())
            .roundDownTo(b.spec.instrument().stepSize());
    if (half.signum() > 0 && !b.legs.containsKey("tp1")) {
      b.send("tp1", exitSide, OrderType.LIMIT, half, b.tp1, true);
    }
    if (!b.legs.containsKey("tp2")) {
      b.send("tp2", exitSide, OrderType.LIMIT, b.entered.minus(half), b.tp2, true);
    }
  }
}
