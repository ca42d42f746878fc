package io.perpetua.venue.binance.fake;

import static io.perpetua.venue.binance.fake.FakeExchange.plain8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spot side of the fake Binance: a spot account (balances per asset) and spot orders on the
 * same symbols as the futures listings, in Binance spot's formats ({@code /api/v3/account}, {@code
 * /api/v3/order}, {@code /api/v3/ticker/bookTicker}). Its book is the futures book of the symbol
 * (the fake has one price per symbol: spot and perp trade at the same price, no basis).
 *
 * <p>Orders: {@code MARKET} (by {@code quantity}, or by {@code quoteOrderQty} for a buy) fills at
 * once at the ask (buy) or bid (sell); {@code LIMIT} fills at once when it crosses that price and
 * is otherwise {@code EXPIRED} for {@code IOC}/{@code FOK} or rejected for {@code GTC} (resting
 * spot orders are not simulated). The taker fee (0.10 %) is paid in the asset received, as Binance
 * does without BNB. A client order id already used is rejected ({@code -2010 Duplicate order
 * sent.}), an order beyond the free balance too ({@code -2010 Account has insufficient balance for
 * requested action.}). Thread-safe (synchronised on the futures exchange, whose price it reads).
 */
final class FakeSpot {
  /** The spot taker fee. */
  static final BigDecimal TAKER_FEE = new BigDecimal("0.001");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String QUOTE = "USDT";

  private final FakeExchange exchange;
  private final Map<String, BigDecimal> balances = new TreeMap<>();
  private final Map<Long, ObjectNode> orders = new LinkedHashMap<>();
  private final Map<String, Long> byClientId = new LinkedHashMap<>();
  private long nextOrderId = 1;
  private long nextTradeId = 1;
  private BigDecimal lastFee = BigDecimal.ZERO;

  FakeSpot(FakeExchange exchange, BigDecimal usdt) {
    this.exchange = exchange;
    balances.put(QUOTE, usdt);
  }

  /** {@code GET /api/v3/ticker/bookTicker} of one symbol (spot shape: no time). */
  ObjectNode bookTicker(String symbol) {
    ObjectNode futures = exchange.bookTicker(symbol);
    futures.remove("time");
    return futures;
  }

  /** {@code GET /api/v3/ticker/bookTicker} of every symbol. */
  ArrayNode bookTickers() {
    ArrayNode out = JSON.arrayNode();
    for (FakeListing l : exchange.listings()) {
      out.add(bookTicker(l.symbol()));
    }
    return out;
  }

  /** {@code GET /api/v3/account}. */
  ObjectNode account() {
    synchronized (exchange) {
      ObjectNode o = JSON.objectNode();
      o.put("makerCommission", 10).put("takerCommission", 10).put("buyerCommission", 0);
      o.put("sellerCommission", 0).put("canTrade", true).put("canWithdraw", true);
      o.put("canDeposit", true).put("brokered", false).put("requireSelfTradePrevention", false);
      o.put("preventSor", false).put("updateTime", exchange.marketTimeMs());
      o.put("accountType", "SPOT");
      ArrayNode b = o.putArray("balances");
      balances.forEach(
          (asset, free) ->
              b.addObject()
                  .put("asset", asset)
                  .put("free", plain8(free))
                  .put("locked", "0.00000000"));
      o.putArray("permissions").add("SPOT");
      return o.put("uid", 1);
    }
  }

  /** The free balance of {@code asset} (0 when none). */
  BigDecimal free(String asset) {
    synchronized (exchange) {
      return balances.getOrDefault(asset, BigDecimal.ZERO);
    }
  }

  /** {@code POST /api/v3/order}. */
  ObjectNode newOrder(Map<String, String> p) {
    synchronized (exchange) {
      String symbol = FakeExchange.required("symbol", p.get("symbol"));
      FakeListing l = listing(symbol);
      String side = FakeExchange.required("side", p.get("side")).toUpperCase(Locale.ROOT);
      String type = FakeExchange.required("type", p.get("type")).toUpperCase(Locale.ROOT);
      if (!side.equals("BUY") && !side.equals("SELL")) {
        throw new FakeReject(400, -1102, "Mandatory parameter 'side' was not sent.");
      }
      String clientId = p.getOrDefault("newClientOrderId", "spot-" + nextOrderId);
      if (byClientId.containsKey(clientId)) {
        throw new FakeReject(400, -2010, "Duplicate order sent.");
      }
      BigDecimal price = side.equals("BUY") ? ask(symbol) : bid(symbol);
      BigDecimal qty = quantity(p, type, l, price);
      String tif = p.getOrDefault("timeInForce", "GTC").toUpperCase(Locale.ROOT);
      if (type.equals("LIMIT")) {
        BigDecimal limit = decimal(p, "price");
        boolean crosses =
            side.equals("BUY") ? limit.compareTo(price) >= 0 : limit.compareTo(price) <= 0;
        if (!crosses) {
          if (tif.equals("GTC")) {
            throw new FakeReject(400, -1013, "Filter failure: resting spot orders not simulated");
          }
          return record(symbol, clientId, side, type, tif, qty, limit, null, BigDecimal.ZERO);
        }
      } else if (!type.equals("MARKET")) {
        throw new FakeReject(400, -1116, "Invalid orderType.");
      }
      BigDecimal notional = qty.multiply(price);
      if (notional.compareTo(l.minNotional()) < 0) {
        throw new FakeReject(400, -1013, "Filter failure: NOTIONAL");
      }
      String base = symbol.substring(0, symbol.length() - QUOTE.length());
      settle(side, base, qty, notional);
      return record(symbol, clientId, side, type, tif, qty, price, price, notional);
    }
  }

  private void settle(String side, String base, BigDecimal qty, BigDecimal notional) {
    BigDecimal fee = notional.multiply(TAKER_FEE).setScale(8, RoundingMode.HALF_UP);
    boolean buy = side.equals("BUY");
    String pay = buy ? QUOTE : base;
    BigDecimal cost = buy ? notional.add(fee) : qty;
    if (free(pay).compareTo(cost) < 0) {
      throw new FakeReject(400, -2010, "Account has insufficient balance for requested action.");
    }
    balances.put(pay, free(pay).subtract(cost));
    if (buy) {
      balances.put(base, free(base).add(qty));
    } else {
      balances.put(QUOTE, free(QUOTE).add(notional).subtract(fee));
    }
    lastFee = fee;
  }

  private ObjectNode record(
      String symbol,
      String clientId,
      String side,
      String type,
      String tif,
      BigDecimal qty,
      BigDecimal price,
      BigDecimal fillPrice,
      BigDecimal quote) {
    long id = nextOrderId++;
    long now = exchange.marketTimeMs();
    ObjectNode o = JSON.objectNode().put("symbol", symbol).put("orderId", id);
    o.put("orderListId", -1).put("clientOrderId", clientId).put("transactTime", now);
    o.put("price", plain8(type.equals("MARKET") ? BigDecimal.ZERO : price));
    o.put("origQty", plain8(qty));
    boolean filled = fillPrice != null;
    o.put("executedQty", plain8(filled ? qty : BigDecimal.ZERO));
    o.put("cummulativeQuoteQty", plain8(quote));
    o.put("status", filled ? "FILLED" : "EXPIRED").put("timeInForce", tif).put("type", type);
    o.put("side", side).put("workingTime", now).put("selfTradePreventionMode", "EXPIRE_MAKER");
    ArrayNode fills = o.putArray("fills");
    if (filled) {
      fills
          .addObject()
          .put("price", plain8(fillPrice))
          .put("qty", plain8(qty))
          .put("commission", plain8(lastFee))
          .put("commissionAsset", QUOTE)
          .put("tradeId", nextTradeId++);
    }
    orders.put(id, o);
    byClientId.put(clientId, id);
    return o.deepCopy();
  }

  /** {@code GET /api/v3/order} by {@code orderId} or {@code origClientOrderId}. */
  ObjectNode queryOrder(Map<String, String> p) {
    synchronized (exchange) {
      FakeExchange.required("symbol", p.get("symbol"));
      Long id = null;
      if (p.get("orderId") != null) {
        id = Long.valueOf(p.get("orderId").trim());
      } else if (p.get("origClientOrderId") != null) {
        id = byClientId.get(p.get("origClientOrderId"));
      } else {
        throw new FakeReject(
            400,
            -1102,
            "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
      }
      ObjectNode o = id == null ? null : orders.get(id);
      if (o == null || !o.get("symbol").asText().equals(p.get("symbol"))) {
        throw new FakeReject(400, -2013, "Order does not exist.");
      }
      ObjectNode copy = o.deepCopy();
      copy.remove("fills");
      copy.put("time", o.get("transactTime").asLong())
          .put("updateTime", o.get("transactTime").asLong());
      copy.put("isWorking", false).put("origQuoteOrderQty", "0.00000000");
      return copy;
    }
  }

  /** {@code GET /api/v3/openOrders}: always empty (spot orders never rest here). */
  ArrayNode openOrders() {
    return JSON.arrayNode();
  }

  private FakeListing listing(String symbol) {
    for (FakeListing l : exchange.listings()) {
      if (l.symbol().equals(symbol)) {
        return l;
      }
    }
    throw new FakeReject(400, -1121, "Invalid symbol.");
  }

  private BigDecimal ask(String symbol) {
    return new BigDecimal(exchange.bookTicker(symbol).get("askPrice").asText());
  }

  private BigDecimal bid(String symbol) {
    return new BigDecimal(exchange.bookTicker(symbol).get("bidPrice").asText());
  }

  private static BigDecimal quantity(
      Map<String, String> p, String type, FakeListing l, BigDecimal price) {
    BigDecimal qty;
    if (p.get("quantity") == null && type.equals("MARKET") && p.get("quoteOrderQty") != null) {
      qty = decimal(p, "quoteOrderQty").divide(price, 8, RoundingMode.DOWN);
      qty = qty.subtract(qty.remainder(l.stepSize()));
    } else {
      qty = decimal(p, "quantity");
    }
    if (qty.signum() <= 0 || qty.remainder(l.stepSize()).signum() != 0) {
      throw new FakeReject(400, -1013, "Filter failure: LOT_SIZE");
    }
    return qty;
  }

  private static BigDecimal decimal(Map<String, String> p, String name) {
    String v = FakeExchange.required(name, p.get(name));
    try {
      return new BigDecimal(v.trim());
    } catch (NumberFormatException e) {
      throw new FakeReject(400, -1100, "Illegal characters found in parameter '" + name + "'.");
    }
  }
}
