package io.perpetua.venue.binance.order;

import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code POST /fapi/v1/order} request: market or limit, with time in force ({@code GTX} is
 * post-only) and the reduce-only flag, under our deterministic client order id.
 *
 * <p>Immutable.
 *
 * @param symbol venue symbol
 * @param side BUY or SELL
 * @param type MARKET or LIMIT
 * @param timeInForce GTC, IOC, FOK or GTX (limit orders only; null for market)
 * @param quantity quantity (a multiple of the step size)
 * @param price limit price (null for market)
 * @param reduceOnly reduce-only flag
 * @param clientOrderId our id, sent as {@code newClientOrderId}
 */
public record NewOrderRequest(
    String symbol,
    String side,
    String type,
    String timeInForce,
    BigDecimal quantity,
    BigDecimal price,
    boolean reduceOnly,
    String clientOrderId) {

  /** Validates the combination. */
  public NewOrderRequest {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    if (!"BUY".equals(side) && !"SELL".equals(side)) {
      throw new IllegalArgumentException("side must be BUY or SELL");
    }
    if ("LIMIT".equals(type)) {
      if (price == null || price.signum() <= 0 || timeInForce == null) {
        throw new IllegalArgumentException("a LIMIT order needs a price and a time in force");
      }
    } else if ("MARKET".equals(type)) {
      if (price != null || timeInForce != null) {
        throw new IllegalArgumentException("a MARKET order has no price or time in force");
      }
    } else {
      throw new IllegalArgumentException("type must be MARKET or LIMIT");
    }
    if (quantity == null || quantity.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
  }

  /**
   * The request of a platform order: a limit order rests GTC, or GTX (post-only) when {@code
   * postOnlyLimits}; a market order has no price and no time in force.
   */
  public static NewOrderRequest of(Order order, boolean postOnlyLimits) {
    boolean limit = order.type() == OrderType.LIMIT;
    return new NewOrderRequest(
        order.instrument().venueSymbol(),
        order.side() == OrderSide.BUY ? "BUY" : "SELL",
        limit ? "LIMIT" : "MARKET",
        limit ? (postOnlyLimits ? "GTX" : "GTC") : null,
        order.quantity().toBigDecimal(),
        limit ? order.limitPrice().toBigDecimal() : null,
        order.reduceOnly(),
        order.clientOrderId().value());
  }

  /** True for a post-only (GTX) limit order. */
  public boolean postOnly() {
    return "GTX".equals(timeInForce);
  }

  /** The request parameters in Binance's order. */
  public Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("side", side);
    p.put("type", type);
    if (timeInForce != null) {
      p.put("timeInForce", timeInForce);
    }
    p.put("quantity", quantity.stripTrailingZeros().toPlainString());
    if (price != null) {
      p.put("price", price.stripTrailingZeros().toPlainString());
    }
    if (reduceOnly) {
      p.put("reduceOnly", "true");
    }
    p.put("newClientOrderId", clientOrderId);
    p.put("newOrderRespType", "RESULT");
    return p;
  }
}
