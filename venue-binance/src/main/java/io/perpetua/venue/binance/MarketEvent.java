package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A market-data stream event: aggregated trade, mark price, kline, liquidation, best bid/ask or
 * depth update. All are immutable records parsed from the exchange's payloads.
 */
public sealed interface MarketEvent
    permits MarketEvent.Trade,
        MarketEvent.MarkPrice,
        MarketEvent.Kline,
        MarketEvent.ForceOrder,
        MarketEvent.BookTicker,
        MarketEvent.DepthUpdate {

  /** The venue symbol. */
  String symbol();

  /**
   * An {@code aggTrade} event.
   *
   * @param trade the aggregated trade
   */
  record Trade(AggTrade trade) implements MarketEvent {
    @Override
    public String symbol() {
      return trade.symbol();
    }
  }

  /**
   * A {@code markPriceUpdate} event.
   *
   * @param symbol symbol
   * @param eventTimeMs event time
   * @param markPrice mark price
   * @param indexPrice index price
   * @param fundingRate current funding rate
   * @param nextFundingTimeMs next funding time
   */
  record MarkPrice(
      String symbol,
      long eventTimeMs,
      BigDecimal markPrice,
      BigDecimal indexPrice,
      BigDecimal fundingRate,
      long nextFundingTimeMs)
      implements MarketEvent {}

  /**
   * A {@code kline} event.
   *
   * @param symbol symbol
   * @param interval interval code, e.g. {@code 1m}
   * @param openTimeMs bar open time
   * @param closeTimeMs bar close time
   * @param open open
   * @param high high
   * @param low low
   * @param close close
   * @param volume base volume
   * @param quoteVolume quote volume ({@code q}: Σ price × quantity)
   * @param trades number of trades ({@code n})
   * @param closed true when the bar is final
   */
  record Kline(
      String symbol,
      String interval,
      long openTimeMs,
      long closeTimeMs,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      BigDecimal volume,
      BigDecimal quoteVolume,
      long trades,
      boolean closed)
      implements MarketEvent {}

  /**
   * A {@code forceOrder} (liquidation) event.
   *
   * @param symbol symbol
   * @param side side of the liquidation order
   * @param price order price
   * @param averagePrice average fill price
   * @param quantity quantity
   * @param timeMs trade time
   */
  record ForceOrder(
      String symbol,
      String side,
      BigDecimal price,
      BigDecimal averagePrice,
      BigDecimal quantity,
      long timeMs)
      implements MarketEvent {}

  /**
   * A {@code bookTicker} event.
   *
   * @param symbol symbol
   * @param updateId order-book update id
   * @param bidPrice best bid
   * @param bidQty best bid quantity
   * @param askPrice best ask
   * @param askQty best ask quantity
   * @param timeMs transaction time
   */
  record BookTicker(
      String symbol,
      long updateId,
      BigDecimal bidPrice,
      BigDecimal bidQty,
      BigDecimal askPrice,
      BigDecimal askQty,
      long timeMs)
      implements MarketEvent {}

  /**
   * A {@code depthUpdate} event; a level with quantity 0 is removed.
   *
   * @param symbol symbol
   * @param firstUpdateId {@code U}
   * @param finalUpdateId {@code u}
   * @param previousFinalUpdateId {@code pu} (must equal the previous event's {@code u})
   * @param bids changed bid levels (price, quantity)
   * @param asks changed ask levels (price, quantity)
   * @param timeMs transaction time
   */
  record DepthUpdate(
      String symbol,
      long firstUpdateId,
      long finalUpdateId,
      long previousFinalUpdateId,
      List<BigDecimal[]> bids,
      List<BigDecimal[]> asks,
      long timeMs)
      implements MarketEvent {}

  /**
   * Parses one message (bare or in a combined-stream envelope); empty for event types that are not
   * market events (e.g. subscription answers).
   */
  static Optional<MarketEvent> parse(String message) {
    JsonNode n = Json.unwrap(Json.parse(message));
    String type = n.path("e").asText("");
    return switch (type) {
      case "aggTrade" -> Optional.of(new Trade(AggTrade.fromJson(n, null)));
      case "markPriceUpdate" ->
          Optional.of(
              new MarkPrice(
                  Json.text(n, "s"),
                  Json.longOr(n, "E", 0),
                  Json.decimal(n, "p"),
                  Json.decimalOr(n, "i", BigDecimal.ZERO),
                  Json.decimalOr(n, "r", BigDecimal.ZERO),
                  Json.longOr(n, "T", 0)));
      case "kline" -> Optional.of(kline(n));
      case "forceOrder" -> Optional.of(forceOrder(Json.require(n, "o")));
      case "bookTicker" ->
          Optional.of(
              new BookTicker(
                  Json.text(n, "s"),
                  Json.longOr(n, "u", 0),
                  Json.decimal(n, "b"),
                  Json.decimal(n, "B"),
                  Json.decimal(n, "a"),
                  Json.decimal(n, "A"),
                  Json.longOr(n, "T", Json.longOr(n, "E", 0))));
      case "depthUpdate" ->
          Optional.of(
              new DepthUpdate(
                  Json.text(n, "s"),
                  Json.longValue(n, "U"),
                  Json.longValue(n, "u"),
                  Json.longOr(n, "pu", -1),
                  levels(n.path("b")),
                  levels(n.path("a")),
                  Json.longOr(n, "T", Json.longOr(n, "E", 0))));
      default -> Optional.empty();
    };
  }

  private static Kline kline(JsonNode n) {
    JsonNode k = Json.require(n, "k");
    return new Kline(
        Json.text(k, "s"),
        Json.text(k, "i"),
        Json.longValue(k, "t"),
        Json.longValue(k, "T"),
        Json.nonNegative(k, "o"),
        Json.nonNegative(k, "h"),
        Json.nonNegative(k, "l"),
        Json.nonNegative(k, "c"),
        Json.nonNegative(k, "v"),
        Json.nonNegative(k, "q"),
        Json.longValue(k, "n"),
        Json.bool(k, "x"));
  }

  private static ForceOrder forceOrder(JsonNode o) {
    return new ForceOrder(
        Json.text(o, "s"),
        Json.text(o, "S"),
        Json.decimal(o, "p"),
        Json.decimalOr(o, "ap", BigDecimal.ZERO),
        Json.decimal(o, "q"),
        Json.longOr(o, "T", 0));
  }

  private static List<BigDecimal[]> levels(JsonNode array) {
    return BinanceMessages.levels(array);
  }
}
