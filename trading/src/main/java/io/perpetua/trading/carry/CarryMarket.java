package io.perpetua.trading.carry;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import java.util.Optional;
import java.util.Set;

/**
 * What a running carry reads from its two accounts on every tick: quotes, positions, open orders,
 * funding and margin. Every method asks the venues (or their latest feed) and throws a {@link
 * RuntimeException} when one cannot be reached; the carry counts that as an API failure.
 */
public interface CarryMarket {
  /**
   * Best bid and ask of a leg, fixed point at its instrument's price scale.
   *
   * @param bid best bid
   * @param ask best ask
   */
  record Quote(Price bid, Price ask) {}

  /**
   * A funding settlement of the perp.
   *
   * @param timeMs settlement time, epoch ms
   * @param rate the rate settled
   * @param mark the mark price it settled at
   */
  record Settlement(long timeMs, double rate, Price mark) {}

  /** The spot leg's quote. */
  Quote spotQuote();

  /** The perp leg's quote. */
  Quote perpQuote();

  /** The spot account's position in the underlying (its base-asset holding). */
  Quantity spotPosition();

  /** The perp account's signed position (a short is negative). */
  Quantity perpPosition();

  /** Client ids of both accounts' orders still open at the venues. */
  Set<ClientOrderId> openOrders();

  /** The perp's current (predicted) funding rate; NaN when unknown. */
  double fundingRate();

  /** The latest settlement of the perp's funding, empty before the first. */
  Optional<Settlement> lastSettlement();

  /** The unified maintenance-margin ratio of the perp account; NaN when the venue gives none. */
  default double marginRatio() {
    return Double.NaN;
  }

  /** Local clock minus the venues' clock, ms (0 when not measured). */
  default long clockDriftMs() {
    return 0;
  }
}
