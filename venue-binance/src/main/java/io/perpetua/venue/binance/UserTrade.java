package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One of our executions ({@code GET /fapi/v1/userTrades}); used to recover fills missed while the
 * user-data stream was down.
 *
 * <p>Immutable.
 *
 * @param symbol venue symbol
 * @param id trade id
 * @param orderId the venue order id
 * @param side BUY or SELL
 * @param price price
 * @param qty quantity
 * @param commission fee paid
 * @param commissionAsset fee asset
 * @param realizedPnl realised PnL
 * @param maker true when we were the maker
 * @param timeMs epoch ms
 */
public record UserTrade(
    String symbol,
    long id,
    long orderId,
    String side,
    BigDecimal price,
    BigDecimal qty,
    BigDecimal commission,
    String commissionAsset,
    BigDecimal realizedPnl,
    boolean maker,
    long timeMs) {

  /** Parses one array element. */
  public static UserTrade fromJson(JsonNode n) {
    return new UserTrade(
        Json.text(n, "symbol"),
        Json.longValue(n, "id"),
        Json.longValue(n, "orderId"),
        Json.text(n, "side"),
        Json.nonNegative(n, "price"),
        Json.nonNegative(n, "qty"),
        Json.decimalOr(n, "commission", BigDecimal.ZERO),
        Json.textOr(n, "commissionAsset", "USDT"),
        Json.decimalOr(n, "realizedPnl", BigDecimal.ZERO),
        Json.bool(n, "maker"),
        Json.longValue(n, "time"));
  }
}
