package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the fake venue's payloads with Binance's field names, order and shapes. */
final class FakeJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FakeJson() {}

  static ObjectNode exchangeInfo(
      java.util.List<FakeListing> listings, int requestWeightLimit, long now) {
    ObjectNode root =
        JSON.objectNode()
            .put("timezone", "UTC")
            .put("serverTime", now)
            .put("futuresType", "U_MARGINED");
    ArrayNode limits = root.putArray("rateLimits");
    limits
        .addObject()
        .put("rateLimitType", "REQUEST_WEIGHT")
        .put("interval", "MINUTE")
        .put("intervalNum", 1)
        .put("limit", requestWeightLimit);
    limits
        .addObject()
        .put("rateLimitType", "ORDERS")
        .put("interval", "MINUTE")
        .put("intervalNum", 1)
        .put("limit", 1200);
    limits
        .addObject()
        .put("rateLimitType", "ORDERS")
        .put("interval", "SECOND")
        .put("intervalNum", 10)
        .put("limit", 300);
    root.putArray("exchangeFilters");
    root.putArray("assets")
        .addObject()
        .put("asset", "USDT")
        .put("marginAvailable", true)
        .put("autoAssetExchange", "-10000");
    ArrayNode symbols = root.putArray("symbols");
    for (FakeListing l : listings) {
      symbols.add(symbolInfo(l));
    }
    return root;
  }

  static ObjectNode symbolInfo(FakeListing l) {
    String base =
        l.symbol().endsWith("USDT") ? l.symbol().substring(0, l.symbol().length() - 4) : l.symbol();
    ObjectNode s =
        JSON.objectNode()
            .put("symbol", l.symbol())
            .put("pair", l.symbol())
            .put("contractType", "PERPETUAL");
    s.put("deliveryDate", 4133404802000L)
        .put("onboardDate", 1569398400000L)
        .put("status", "TRADING");
    s.put("maintMarginPercent", "2.5000")
        .put("requiredMarginPercent", "5.0000")
        .put("baseAsset", base);
    s.put("quoteAsset", "USDT")
        .put("marginAsset", "USDT")
        .put("pricePrecision", Math.max(0, l.tickSize().stripTrailingZeros().scale()));
    s.put("quantityPrecision", Math.max(0, l.stepSize().stripTrailingZeros().scale()))
        .put("baseAssetPrecision", 8);
    s.put("quotePrecision", 8).put("underlyingType", "COIN");
    s.putArray("underlyingSubType");
    s.put("settlePlan", 0)
        .put("triggerProtect", "0.0500")
        .put("liquidationFee", "0.012000")
        .put("marketTakeBound", "0.30");
    ArrayNode f = s.putArray("filters");
    f.addObject()
        .put("minPrice", FakeExchange.plain(l.tickSize()))
        .put("maxPrice", "10000000")
        .put("filterType", "PRICE_FILTER")
        .put("tickSize", l.tickSize().toPlainString());
    f.addObject()
        .put("stepSize", l.stepSize().toPlainString())
        .put("filterType", "LOT_SIZE")
        .put("maxQty", "1000000")
        .put("minQty", l.stepSize().toPlainString());
    f.addObject()
        .put("stepSize", l.stepSize().toPlainString())
        .put("filterType", "MARKET_LOT_SIZE")
        .put("maxQty", "100000")
        .put("minQty", l.stepSize().toPlainString());
    f.addObject().put("limit", 200).put("filterType", "MAX_NUM_ORDERS");
    f.addObject().put("limit", 10).put("filterType", "MAX_NUM_ALGO_ORDERS");
    f.addObject()
        .put("notional", FakeExchange.plain(l.minNotional()))
        .put("filterType", "MIN_NOTIONAL");
    f.addObject()
        .put("multiplierDown", "0.9500")
        .put("multiplierUp", "1.0500")
        .put("multiplierDecimal", "4")
        .put("filterType", "PERCENT_PRICE");
    ArrayNode types = s.putArray("orderTypes");
    types.add("LIMIT").add("MARKET");
    s.putArray("timeInForce").add("GTC").add("IOC").add("FOK").add("GTX");
    return s;
  }

  static ObjectNode order(FakeOrder o) {
    ObjectNode n =
        JSON.objectNode().put("orderId", o.orderId).put("symbol", o.symbol).put("status", o.status);
    n.put("clientOrderId", o.clientOrderId)
        .put("price", o.price == null ? "0" : o.price.toPlainString());
    n.put("avgPrice", FakeExchange.plain(o.avgPrice())).put("origQty", o.origQty.toPlainString());
    n.put("executedQty", o.executedQty.toPlainString())
        .put("cumQuote", FakeExchange.plain(o.cumQuote));
    n.put("timeInForce", o.timeInForce == null ? "GTC" : o.timeInForce)
        .put("type", o.type)
        .put("reduceOnly", o.reduceOnly);
    n.put("closePosition", false)
        .put("side", o.side)
        .put("positionSide", "BOTH")
        .put("stopPrice", "0");
    n.put("workingType", "CONTRACT_PRICE")
        .put("priceProtect", false)
        .put("origType", o.type)
        .put("priceMatch", "NONE");
    n.put("selfTradePreventionMode", "NONE")
        .put("goodTillDate", 0)
        .put("time", o.time)
        .put("updateTime", o.updateTime);
    return n;
  }

  static ObjectNode orderTradeUpdate(FakeOrder o, String execution, long now, ObjectNode fill) {
    ObjectNode e = JSON.objectNode().put("e", "ORDER_TRADE_UPDATE").put("T", now).put("E", now);
    ObjectNode x =
        e.putObject("o")
            .put("s", o.symbol)
            .put("c", o.clientOrderId)
            .put("S", o.side)
            .put("o", o.type);
    x.put("f", o.timeInForce == null ? "GTC" : o.timeInForce).put("q", o.origQty.toPlainString());
    x.put("p", o.price == null ? "0" : o.price.toPlainString())
        .put("ap", FakeExchange.plain(o.avgPrice()))
        .put("sp", "0");
    x.put("x", execution).put("X", o.status).put("i", o.orderId);
    x.put("l", fill == null ? "0" : fill.get("l").asText()).put("z", o.executedQty.toPlainString());
    x.put("L", fill == null ? "0" : fill.get("L").asText()).put("N", "USDT");
    x.put("n", fill == null ? "0" : fill.get("n").asText())
        .put("T", now)
        .put("t", fill == null ? 0 : fill.get("t").asLong());
    x.put("b", "0")
        .put("a", "0")
        .put("m", fill != null && fill.get("m").asBoolean())
        .put("R", o.reduceOnly);
    x.put("wt", "CONTRACT_PRICE")
        .put("ot", o.type)
        .put("ps", "BOTH")
        .put("cp", false)
        .put("AP", "0")
        .put("cr", "0");
    x.put("pP", false)
        .put("si", 0)
        .put("ss", 0)
        .put("rp", fill == null ? "0" : fill.get("rp").asText())
        .put("V", "NONE");
    return e;
  }

  static ObjectNode accountUpdate(
      String reason,
      long now,
      String wallet,
      String balanceChange,
      String symbol,
      String qty,
      String entry,
      String realized,
      String upnl) {
    ObjectNode e = JSON.objectNode().put("e", "ACCOUNT_UPDATE").put("T", now).put("E", now);
    ObjectNode a = e.putObject("a").put("m", reason);
    a.putArray("B")
        .addObject()
        .put("a", "USDT")
        .put("wb", wallet)
        .put("cw", wallet)
        .put("bc", balanceChange);
    ObjectNode p =
        a.putArray("P")
            .addObject()
            .put("s", symbol)
            .put("pa", qty)
            .put("ep", entry)
            .put("bep", entry);
    p.put("cr", realized)
        .put("up", upnl)
        .put("mt", "cross")
        .put("iw", "0.00000000")
        .put("ps", "BOTH");
    return e;
  }

  static ObjectNode error(int code, String message) {
    return JSON.objectNode().put("code", code).put("msg", message);
  }
}
