package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * An order as the REST API reports it (answers of new, query and cancel order).
 *
 * <p>Immutable.
 *
 * @param orderId the venue's order id
 * @param symbol venue symbol
 * @param clientOrderId our client order id
 * @param status NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, ...
 * @param side BUY or SELL
 * @param type LIMIT, MARKET, ...
 * @param timeInForce GTC, IOC, FOK, GTX
 * @param price limit price (0 for market)
 * @param avgPrice average fill price (0 before any fill)
 * @param origQty ordered quantity
 * @param executedQty filled quantity
 * @param cumQuote filled notional
 * @param reduceOnly reduce-only flag
 * @param updateTimeMs last update, epoch ms
 */
public record OrderState(
    long orderId,
    String symbol,
    String clientOrderId,
    String status,
    String side,
    String type,
    String timeInForce,
    BigDecimal price,
    BigDecimal avgPrice,
    BigDecimal origQty,
    BigDecimal executedQty,
    BigDecimal cumQuote,
    boolean reduceOnly,
    long updateTimeMs) {

  /** Parses an order object. */
  public static OrderState fromJson(JsonNode n) {
    return new OrderState(
        Json.longValue(n, "orderId"),
        Json.text(n, "symbol"),
        Json.text(n, "clientOrderId"),
        Json.text(n, "status"),
        Json.text(n, "side"),
        Json.text(n, "type"),
        Json.textOr(n, "timeInForce", "GTC"),
        Json.decimalOr(n, "price", BigDecimal.ZERO),
        Json.decimalOr(n, "avgPrice", BigDecimal.ZERO),
        Json.nonNegative(n, "origQty"),
        Json.decimalOr(n, "executedQty", BigDecimal.ZERO),
        Json.decimalOr(n, "cumQuote", BigDecimal.ZERO),
        Json.bool(n, "reduceOnly"),
        Json.longOr(n, "updateTime", Json.longOr(n, "time", 0)));
  }

  /** True when the order can no longer change. */
  public boolean isTerminal() {
    return switch (status) {
      case "FILLED", "CANCELED", "EXPIRED", "REJECTED", "EXPIRED_IN_MATCH" -> true;
      default -> false;
    };
  }
}
