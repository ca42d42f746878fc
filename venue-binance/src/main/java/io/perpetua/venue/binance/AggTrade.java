package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * An aggregated trade, from the {@code aggTrade} stream or {@code GET /fapi/v1/aggTrades} (the REST
 * shape has no symbol; the caller supplies it).
 *
 * <p>Immutable.
 *
 * @param symbol venue symbol
 * @param aggregateId aggregate trade id (contiguous per symbol)
 * @param price price
 * @param quantity quantity
 * @param firstTradeId first trade id
 * @param lastTradeId last trade id
 * @param timeMs trade time, epoch ms
 * @param buyerMaker true when the buyer was the maker (a sell-initiated trade)
 */
public record AggTrade(
    String symbol,
    long aggregateId,
    BigDecimal price,
    BigDecimal quantity,
    long firstTradeId,
    long lastTradeId,
    long timeMs,
    boolean buyerMaker) {

  /** Parses a stream event or a REST element ({@code symbol} used when the payload has none). */
  public static AggTrade fromJson(JsonNode n, String symbol) {
    return new AggTrade(
        Json.textOr(n, "s", symbol),
        Json.longValue(n, "a"),
        Json.nonNegative(n, "p"),
        Json.nonNegative(n, "q"),
        Json.longValue(n, "f"),
        Json.longValue(n, "l"),
        Json.longValue(n, "T"),
        Json.bool(n, "m"));
  }
}
