package io.perpetua.venue.generic;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as the generic venue takes it.
 *
 * <p>Immutable. A market order has no price; a limit order has a positive one.
 *
 * @param clientId the caller's id; the venue refuses a second order with the same id
 * @param symbol venue symbol ({@code BTC-PERP})
 * @param buy true for a buy
 * @param quantity positive quantity
 * @param price limit price, or null for a market order
 * @param postOnly a limit that would take liquidity is rejected instead
 * @param reduceOnly the order may only reduce the position
 */
public record GenericOrderRequest(
    String clientId,
    String symbol,
    boolean buy,
    BigDecimal quantity,
    BigDecimal price,
    boolean postOnly,
    boolean reduceOnly) {

  /** Validates the request. */
  public GenericOrderRequest {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(symbol, "symbol");
    if (quantity == null || quantity.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    if (price != null && price.signum() <= 0) {
      throw new IllegalArgumentException("a limit price must be positive");
    }
  }

  /** True for a market order. */
  public boolean market() {
    return price == null;
  }
}
