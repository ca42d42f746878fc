package io.perpetua.core.order;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import java.util.Objects;

/**
 * An order request as the kernel decided it.
 *
 * <p>Immutable. Quantity is positive; {@code limitPrice} is required for limit orders and absent
 * (null) for market orders.
 *
 * @param clientOrderId deterministic id (see {@link io.perpetua.core.ClientOrderIds})
 * @param instrument the instrument
 * @param side buy or sell
 * @param type market or limit
 * @param quantity positive quantity
 * @param limitPrice limit price, or null for market orders
 * @param reduceOnly true when the order may only reduce a position
 * @param strategy the strategy that decided it
 * @param rebalanceId the rebalance it belongs to, or null
 * @param createdAtMs decision time, epoch ms
 */
public record Order(
    ClientOrderId clientOrderId,
    InstrumentId instrument,
    OrderSide side,
    OrderType type,
    Quantity quantity,
    Price limitPrice,
    boolean reduceOnly,
    StrategyId strategy,
    RebalanceId rebalanceId,
    long createdAtMs) {

  /** Validates the order. */
  public Order {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(strategy, "strategy");
    if (quantity == null || quantity.raw() <= 0) {
      throw new IllegalArgumentException("order quantity must be positive: " + quantity);
    }
    if (type == OrderType.LIMIT && (limitPrice == null || !limitPrice.isPositive())) {
      throw new IllegalArgumentException("a limit order needs a positive limit price");
    }
    if (type == OrderType.MARKET && limitPrice != null) {
      throw new IllegalArgumentException("a market order has no limit price");
    }
  }

  /** The quantity signed by side (+ buy, − sell). */
  public Quantity signedQuantity() {
    return side == OrderSide.BUY ? quantity : quantity.negate();
  }
}
