package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * An {@code ORDER_TRADE_UPDATE} user-data event: a change of one order, with the execution when
 * {@code executionType} is {@code TRADE}. Liquidation, ADL and settlement orders arrive here too
 * (client ids {@code autoclose-*}, {@code adl_autoclose*}, {@code settlement_autoclose-*}).
 *
 * <p>Immutable. The commission is zero and its asset null when the event carries none.
 *
 * @param eventTimeMs event time ({@code E})
 * @param transactionTimeMs transaction time ({@code T})
 * @param symbol venue symbol ({@code s})
 * @param clientOrderId client order id ({@code c})
 * @param side BUY or SELL ({@code S})
 * @param orderType order type ({@code o})
 * @param timeInForce time in force ({@code f})
 * @param origQty ordered quantity ({@code q})
 * @param price limit price ({@code p})
 * @param avgPrice average fill price ({@code ap})
 * @param executionType NEW, TRADE, CANCELED, EXPIRED, CALCULATED, AMENDMENT ({@code x})
 * @param orderStatus NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, NEW_ADL, ... ({@code X})
 * @param orderId venue order id ({@code i})
 * @param lastFilledQty quantity of this execution ({@code l})
 * @param cumulativeFilledQty filled so far ({@code z})
 * @param lastFilledPrice price of this execution ({@code L})
 * @param commissionAsset fee asset ({@code N}) or null
 * @param commission fee of this execution ({@code n})
 * @param tradeId trade id ({@code t})
 * @param maker true when this execution was maker ({@code m})
 * @param reduceOnly reduce-only flag ({@code R})
 * @param positionSide BOTH, LONG or SHORT ({@code ps})
 * @param realizedProfit realised profit of this execution ({@code rp})
 */
public record OrderTradeUpdate(
    long eventTimeMs,
    long transactionTimeMs,
    String symbol,
    String clientOrderId,
    String side,
    String orderType,
    String timeInForce,
    BigDecimal origQty,
    BigDecimal price,
    BigDecimal avgPrice,
    String executionType,
    String orderStatus,
    long orderId,
    BigDecimal lastFilledQty,
    BigDecimal cumulativeFilledQty,
    BigDecimal lastFilledPrice,
    String commissionAsset,
    BigDecimal commission,
    long tradeId,
    boolean maker,
    boolean reduceOnly,
    String positionSide,
    BigDecimal realizedProfit)
    implements UserDataEvent {

  /** Parses the event object (already unwrapped). */
  public static OrderTradeUpdate fromJson(JsonNode event) {
    JsonNode o = Json.require(event, "o");
    return new OrderTradeUpdate(
        Json.longOr(event, "E", 0),
        Json.longOr(event, "T", 0),
        Json.text(o, "s"),
        Json.text(o, "c"),
        Json.text(o, "S"),
        Json.text(o, "o"),
        Json.textOr(o, "f", "GTC"),
        Json.nonNegative(o, "q"),
        nonNegativeOr(o, "p"),
        nonNegativeOr(o, "ap"),
        Json.text(o, "x"),
        Json.text(o, "X"),
        Json.longValue(o, "i"),
        nonNegativeOr(o, "l"),
        nonNegativeOr(o, "z"),
        nonNegativeOr(o, "L"),
        Json.textOr(o, "N", null),
        Json.decimalOr(o, "n", BigDecimal.ZERO),
        Json.longOr(o, "t", 0),
        Json.bool(o, "m"),
        Json.bool(o, "R"),
        Json.textOr(o, "ps", "BOTH"),
        Json.decimalOr(o, "rp", BigDecimal.ZERO));
  }

  private static BigDecimal nonNegativeOr(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() || v.asText().isEmpty()
        ? BigDecimal.ZERO
        : Json.nonNegative(o, field);
  }

  /** True when this event carries an execution of ours ({@code x = TRADE} with a quantity). */
  public boolean isTrade() {
    return "TRADE".equals(executionType) && lastFilledQty.signum() > 0;
  }

  /** True when the order can no longer change. */
  public boolean isTerminal() {
    return switch (orderStatus) {
      case "FILLED", "CANCELED", "EXPIRED", "REJECTED", "EXPIRED_IN_MATCH" -> true;
      default -> false;
    };
  }
}
