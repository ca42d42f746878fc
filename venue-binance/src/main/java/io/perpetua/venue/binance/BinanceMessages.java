package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsers for the Binance USDT-M payloads that the adapter does not trade on: public market data
 * (tickers, depth snapshots, klines, ratios, open interest, funding, index data), account settings
 * (commission, symbol config, position mode), algo orders and {@code TRADE_LITE}. Each parser takes
 * one JSON element (bare or in a combined-stream envelope) and returns an immutable record, or
 * throws {@link IllegalArgumentException} when a required field is missing, malformed or negative.
 */
public final class BinanceMessages {
  private BinanceMessages() {}

  /**
   * A 24-hour ticker (REST {@code /fapi/v1/ticker/24hr} or the {@code 24hrTicker} stream).
   *
   * @param symbol symbol
   * @param lastPrice last price
   * @param priceChangePercent change over the window, percent
   * @param volume base volume
   * @param quoteVolume quote volume
   * @param openTimeMs window start
   * @param closeTimeMs window end
   * @param tradeCount number of trades
   */
  public record Ticker24h(
      String symbol,
      BigDecimal lastPrice,
      BigDecimal priceChangePercent,
      BigDecimal volume,
      BigDecimal quoteVolume,
      long openTimeMs,
      long closeTimeMs,
      long tradeCount) {}

  /**
   * An order-book snapshot ({@code /fapi/v1/depth}).
   *
   * @param lastUpdateId last update id
   * @param bids bid levels (price, quantity)
   * @param asks ask levels (price, quantity)
   * @param timeMs transaction time
   */
  public record DepthSnapshot(
      long lastUpdateId, List<BigDecimal[]> bids, List<BigDecimal[]> asks, long timeMs) {}

  /**
   * One kline row (klines, continuous, index-price, mark-price and BLVT NAV klines).
   *
   * @param openTimeMs open time
   * @param open open
   * @param high high
   * @param low low
   * @param close close
   * @param volume volume (0 for index and mark klines)
   * @param closeTimeMs close time
   * @param tradeCount number of trades
   */
  public record Bar(
      long openTimeMs,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      BigDecimal volume,
      long closeTimeMs,
      long tradeCount) {}

  /**
   * A long/short ratio row (global accounts, top accounts, top positions).
   *
   * @param symbol symbol
   * @param longShare long share
   * @param shortShare short share
   * @param ratio long/short ratio
   * @param timeMs time
   */
  public record LongShortRatio(
      String symbol, BigDecimal longShare, BigDecimal shortShare, BigDecimal ratio, long timeMs) {}

  /**
   * A taker buy/sell volume row.
   *
   * @param buySellRatio ratio
   * @param buyVolume taker buy volume
   * @param sellVolume taker sell volume
   * @param timeMs time
   */
  public record TakerRatio(
      BigDecimal buySellRatio, BigDecimal buyVolume, BigDecimal sellVolume, long timeMs) {}

  /**
   * Open interest, current or historical.
   *
   * @param symbol symbol
   * @param openInterest open interest in contracts
   * @param value open interest in quote (0 when not given)
   * @param timeMs time
   */
  public record OpenInterest(
      String symbol, BigDecimal openInterest, BigDecimal value, long timeMs) {}

  /**
   * A funding-rate history row.
   *
   * @param symbol symbol
   * @param rate funding rate
   * @param timeMs funding time
   */
  public record FundingRate(String symbol, BigDecimal rate, long timeMs) {}

  /**
   * Mark price and funding ({@code /fapi/v1/premiumIndex}).
   *
   * @param symbol symbol
   * @param markPrice mark price
   * @param indexPrice index price
   * @param lastFundingRate last funding rate
   * @param nextFundingTimeMs next funding time
   * @param timeMs time
   */
  public record PremiumIndex(
      String symbol,
      BigDecimal markPrice,
      BigDecimal indexPrice,
      BigDecimal lastFundingRate,
      long nextFundingTimeMs,
      long timeMs) {}

  /**
   * A last price ({@code /fapi/v1/ticker/price}).
   *
   * @param symbol symbol
   * @param price price
   * @param timeMs time
   */
  public record TickerPrice(String symbol, BigDecimal price, long timeMs) {}

  /**
   * A multi-assets-mode asset index.
   *
   * @param symbol symbol
   * @param index index
   * @param bidRate bid rate
   * @param askRate ask rate
   * @param timeMs time
   */
  public record AssetIndex(
      String symbol, BigDecimal index, BigDecimal bidRate, BigDecimal askRate, long timeMs) {}

  /**
   * A composite index's components.
   *
   * @param symbol index symbol
   * @param timeMs time
   * @param components (base asset, weight in percent)
   */
  public record IndexInfo(String symbol, long timeMs, List<IndexComponent> components) {}

  /**
   * One composite-index component.
   *
   * @param baseAsset base asset
   * @param weightInQuantity weight in quantity
   * @param weightInPercentage weight in percent
   */
  public record IndexComponent(
      String baseAsset, BigDecimal weightInQuantity, BigDecimal weightInPercentage) {}

  /**
   * A public trade (REST trades, historical trades, or the {@code trade} stream).
   *
   * @param symbol symbol, or null when the payload has none
   * @param id trade id
   * @param price price
   * @param quantity quantity
   * @param buyerMaker true when the buyer was the maker
   * @param timeMs trade time
   */
  public record PublicTrade(
      String symbol,
      long id,
      BigDecimal price,
      BigDecimal quantity,
      boolean buyerMaker,
      long timeMs) {}

  /**
   * The account's commission rates for a symbol.
   *
   * @param symbol symbol
   * @param maker maker rate
   * @param taker taker rate
   */
  public record CommissionRate(String symbol, BigDecimal maker, BigDecimal taker) {}

  /**
   * A symbol's margin settings.
   *
   * @param symbol symbol
   * @param marginType CROSSED or ISOLATED
   * @param autoAddMargin auto-add margin flag
   * @param leverage leverage
   * @param maxNotional maximum notional at this leverage
   */
  public record SymbolConfig(
      String symbol,
      String marginType,
      boolean autoAddMargin,
      int leverage,
      BigDecimal maxNotional) {}

  /**
   * The position mode.
   *
   * @param dualSide true for hedge mode
   */
  public record PositionMode(boolean dualSide) {}

  /**
   * An algo (conditional) order, from {@code openAlgoOrders} or an {@code ALGO_UPDATE} event.
   *
   * @param algoId algo id
   * @param clientAlgoId client algo id
   * @param type order type (STOP_MARKET, TAKE_PROFIT, ...)
   * @param symbol symbol
   * @param side side
   * @param quantity quantity
   * @param status status (NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, ...)
   * @param triggerPrice trigger price
   * @param reduceOnly reduce-only
   * @param timeMs update or event time
   */
  public record AlgoOrder(
      long algoId,
      String clientAlgoId,
      String type,
      String symbol,
      String side,
      BigDecimal quantity,
      String status,
      BigDecimal triggerPrice,
      boolean reduceOnly,
      long timeMs) {}

  /**
   * A {@code TRADE_LITE} event: a light execution report.
   *
   * @param symbol symbol
   * @param clientOrderId client order id
   * @param side side
   * @param orderId order id
   * @param lastQty executed quantity
   * @param lastPrice executed price
   * @param tradeId trade id
   * @param maker true when maker
   * @param timeMs transaction time
   */
  public record TradeLite(
      String symbol,
      String clientOrderId,
      String side,
      long orderId,
      BigDecimal lastQty,
      BigDecimal lastPrice,
      long tradeId,
      boolean maker,
      long timeMs) {}

  /** A REST or stream 24-hour ticker. */
  public static Ticker24h ticker(JsonNode json) {
    JsonNode n = Json.unwrap(json);
    if (n.has("e")) {
      return new Ticker24h(
          Json.text(n, "s"),
          Json.decimal(n, "c"),
          Json.decimal(n, "P"),
          nonNegative(n, "v"),
          nonNegative(n, "q"),
          Json.longValue(n, "O"),
          Json.longValue(n, "C"),
          Json.longOr(n, "n", 0));
    }
    return new Ticker24h(
        Json.text(n, "symbol"),
        Json.decimal(n, "lastPrice"),
        Json.decimal(n, "priceChangePercent"),
        nonNegative(n, "volume"),
        nonNegative(n, "quoteVolume"),
        Json.longValue(n, "openTime"),
        Json.longValue(n, "closeTime"),
        Json.longOr(n, "count", 0));
  }

  /** A depth snapshot. */
  public static DepthSnapshot depth(JsonNode n) {
    return new DepthSnapshot(
        Json.longValue(n, "lastUpdateId"),
        levels(Json.require(n, "bids")),
        levels(Json.require(n, "asks")),
        Json.longOr(n, "T", Json.longOr(n, "E", 0)));
  }

  /** Kline rows (an array of arrays). */
  public static List<Bar> bars(JsonNode rows) {
    List<Bar> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      if (!r.isArray() || r.size() < 9) {
        throw new IllegalArgumentException("kline row is not an array of at least 9: " + r);
      }
      out.add(
          new Bar(
              r.get(0).asLong(),
              decimal(r.get(1)),
              decimal(r.get(2)),
              decimal(r.get(3)),
              decimal(r.get(4)),
              decimal(r.get(5)),
              r.get(6).asLong(),
              r.get(8).asLong()));
    }
    return out;
  }

  /** Long/short ratio rows. */
  public static List<LongShortRatio> longShortRatios(JsonNode rows) {
    List<LongShortRatio> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      out.add(
          new LongShortRatio(
              Json.text(r, "symbol"),
              nonNegative(r, "longAccount"),
              nonNegative(r, "shortAccount"),
              nonNegative(r, "longShortRatio"),
              Json.longValue(r, "timestamp")));
    }
    return out;
  }

  /** Taker buy/sell volume rows. */
  public static List<TakerRatio> takerRatios(JsonNode rows) {
    List<TakerRatio> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      out.add(
          new TakerRatio(
              nonNegative(r, "buySellRatio"),
              nonNegative(r, "buyVol"),
              nonNegative(r, "sellVol"),
              Json.longValue(r, "timestamp")));
    }
    return out;
  }

  /** The current open interest. */
  public static OpenInterest openInterest(JsonNode n) {
    return new OpenInterest(
        Json.text(n, "symbol"),
        nonNegative(n, "openInterest"),
        BigDecimal.ZERO,
        Json.longValue(n, "time"));
  }

  /** Open-interest history rows. */
  public static List<OpenInterest> openInterestHistory(JsonNode rows) {
    List<OpenInterest> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      out.add(
          new OpenInterest(
              Json.text(r, "symbol"),
              nonNegative(r, "sumOpenInterest"),
              nonNegative(r, "sumOpenInterestValue"),
              Json.longValue(r, "timestamp")));
    }
    return out;
  }

  /** Funding-rate history rows. */
  public static List<FundingRate> fundingRates(JsonNode rows) {
    List<FundingRate> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      out.add(
          new FundingRate(
              Json.text(r, "symbol"),
              Json.decimal(r, "fundingRate"),
              Json.longValue(r, "fundingTime")));
    }
    return out;
  }

  /** A premium index (mark price and funding). */
  public static PremiumIndex premiumIndex(JsonNode n) {
    return new PremiumIndex(
        Json.text(n, "symbol"),
        nonNegative(n, "markPrice"),
        nonNegative(n, "indexPrice"),
        Json.decimal(n, "lastFundingRate"),
        Json.longValue(n, "nextFundingTime"),
        Json.longValue(n, "time"));
  }

  /** A REST best bid/ask ({@code /fapi/v1/ticker/bookTicker}). */
  public static MarketEvent.BookTicker bookTicker(JsonNode n) {
    return new MarketEvent.BookTicker(
        Json.text(n, "symbol"),
        Json.longOr(n, "lastUpdateId", 0),
        nonNegative(n, "bidPrice"),
        nonNegative(n, "bidQty"),
        nonNegative(n, "askPrice"),
        nonNegative(n, "askQty"),
        Json.longOr(n, "time", 0));
  }

  /** A last price. */
  public static TickerPrice tickerPrice(JsonNode n) {
    return new TickerPrice(
        Json.text(n, "symbol"), nonNegative(n, "price"), Json.longOr(n, "time", 0));
  }

  /** An asset index. */
  public static AssetIndex assetIndex(JsonNode n) {
    return new AssetIndex(
        Json.text(n, "symbol"),
        nonNegative(n, "index"),
        nonNegative(n, "bidRate"),
        nonNegative(n, "askRate"),
        Json.longValue(n, "time"));
  }

  /** Composite-index rows. */
  public static List<IndexInfo> indexInfo(JsonNode rows) {
    List<IndexInfo> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      List<IndexComponent> components = new ArrayList<>();
      for (JsonNode c : array(Json.require(r, "baseAssetList"))) {
        components.add(
            new IndexComponent(
                Json.text(c, "baseAsset"),
                nonNegative(c, "weightInQuantity"),
                nonNegative(c, "weightInPercentage")));
      }
      out.add(new IndexInfo(Json.text(r, "symbol"), Json.longValue(r, "time"), components));
    }
    return out;
  }

  /** Public trades (REST rows) or one {@code trade} stream event. */
  public static List<PublicTrade> publicTrades(JsonNode json) {
    JsonNode n = Json.unwrap(json);
    if (n.isObject() && "trade".equals(n.path("e").asText())) {
      return List.of(
          new PublicTrade(
              Json.text(n, "s"),
              Json.longValue(n, "t"),
              nonNegative(n, "p"),
              positive(n, "q"),
              Json.bool(n, "m"),
              Json.longValue(n, "T")));
    }
    List<PublicTrade> out = new ArrayList<>();
    for (JsonNode r : array(n)) {
      out.add(
          new PublicTrade(
              null,
              Json.longValue(r, "id"),
              nonNegative(r, "price"),
              positive(r, "qty"),
              Json.bool(r, "isBuyerMaker"),
              Json.longValue(r, "time")));
    }
    return out;
  }

  /** Commission rates. */
  public static CommissionRate commissionRate(JsonNode n) {
    return new CommissionRate(
        Json.text(n, "symbol"),
        Json.decimal(n, "makerCommissionRate"),
        Json.decimal(n, "takerCommissionRate"));
  }

  /** Symbol-config rows. */
  public static List<SymbolConfig> symbolConfigs(JsonNode rows) {
    List<SymbolConfig> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      out.add(
          new SymbolConfig(
              Json.text(r, "symbol"),
              Json.text(r, "marginType"),
              Json.bool(r, "isAutoAddMargin"),
              (int) Json.longValue(r, "leverage"),
              nonNegative(r, "maxNotionalValue")));
    }
    return out;
  }

  /** The position mode. */
  public static PositionMode positionMode(JsonNode n) {
    Json.require(n, "dualSidePosition");
    return new PositionMode(Json.bool(n, "dualSidePosition"));
  }

  /** Open algo orders (REST rows). */
  public static List<AlgoOrder> algoOrders(JsonNode rows) {
    List<AlgoOrder> out = new ArrayList<>();
    for (JsonNode r : array(rows)) {
      out.add(
          new AlgoOrder(
              Json.longValue(r, "algoId"),
              Json.text(r, "clientAlgoId"),
              Json.text(r, "type"),
              Json.text(r, "symbol"),
              Json.text(r, "side"),
              nonNegative(r, "quantity"),
              Json.text(r, "algoStatus"),
              nonNegative(r, "triggerPrice"),
              Json.bool(r, "reduceOnly"),
              Json.longValue(r, "updateTime")));
    }
    return out;
  }

  /** An {@code ALGO_UPDATE} event (bare or in an envelope). */
  public static AlgoOrder algoUpdate(JsonNode json) {
    JsonNode n = expect(json, "ALGO_UPDATE");
    JsonNode o = Json.require(n, "o");
    return new AlgoOrder(
        Json.longValue(o, "aid"),
        Json.text(o, "caid"),
        Json.text(o, "o"),
        Json.text(o, "s"),
        Json.text(o, "S"),
        nonNegative(o, "q"),
        Json.text(o, "X"),
        nonNegative(o, "tp"),
        Json.bool(o, "R"),
        Json.longOr(n, "E", 0));
  }

  /** A {@code TRADE_LITE} event (bare or in an envelope). */
  public static TradeLite tradeLite(JsonNode json) {
    JsonNode n = expect(json, "TRADE_LITE");
    return new TradeLite(
        Json.text(n, "s"),
        Json.text(n, "c"),
        Json.text(n, "S"),
        Json.longValue(n, "i"),
        positive(n, "l"),
        nonNegative(n, "L"),
        Json.longValue(n, "t"),
        Json.bool(n, "m"),
        Json.longValue(n, "T"));
  }

  private static JsonNode expect(JsonNode json, String type) {
    JsonNode n = Json.unwrap(json);
    String actual = Json.text(n, "e");
    if (!type.equals(actual)) {
      throw new IllegalArgumentException("expected event " + type + ", got " + actual);
    }
    return n;
  }

  private static Iterable<JsonNode> array(JsonNode n) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("expected a JSON array, got " + n.getNodeType());
    }
    return n;
  }

  private static BigDecimal decimal(JsonNode v) {
    try {
      return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal: " + v, e);
    }
  }

  private static BigDecimal nonNegative(JsonNode n, String field) {
    return Json.nonNegative(n, field);
  }

  private static BigDecimal positive(JsonNode n, String field) {
    BigDecimal v = Json.nonNegative(n, field);
    if (v.signum() == 0) {
      throw new IllegalArgumentException("field '" + field + "' is zero");
    }
    return v;
  }

  static List<BigDecimal[]> levels(JsonNode array) {
    List<BigDecimal[]> out = new ArrayList<>();
    for (JsonNode level : array(array)) {
      if (!level.isArray() || level.size() < 2) {
        throw new IllegalArgumentException("depth level is not [price, quantity]: " + level);
      }
      BigDecimal price = decimal(level.get(0));
      BigDecimal qty = decimal(level.get(1));
      if (price.signum() < 0 || qty.signum() < 0) {
        throw new IllegalArgumentException("negative depth level: " + level);
      }
      out.add(new BigDecimal[] {price, qty});
    }
    return out;
  }
}
