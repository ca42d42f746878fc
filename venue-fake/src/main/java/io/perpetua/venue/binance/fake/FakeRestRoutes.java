package io.perpetua.venue.binance.fake;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static io.perpetua.venue.binance.fake.FakeBinanceServer.Security.API_KEY;
import static io.perpetua.venue.binance.fake.FakeBinanceServer.Security.NONE;
import static io.perpetua.venue.binance.fake.FakeBinanceServer.Security.SIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fake's REST route table: Binance USDT-M paths with their security type and request weight.
 * Every path here is also in the third-party client check ({@code src/test/node/ccxt-check.mjs}).
 */
final class FakeRestRoutes {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<Integer> DEPTH_LIMITS = Set.of(5, 10, 20, 50, 100, 500, 1000);
  private static final Map<String, Long> OI_PERIODS =
      Map.of(
          "5m", 300_000L,
          "15m", 900_000L,
          "30m", 1_800_000L,
          "1h", 3_600_000L,
          "2h", 7_200_000L,
          "4h", 14_400_000L,
          "6h", 21_600_000L,
          "12h", 43_200_000L,
          "1d", 86_400_000L);

  private final FakeBinanceServer server;
  private final FakeExchange x;

  FakeRestRoutes(FakeBinanceServer server, FakeExchange exchange) {
    this.server = server;
    this.x = exchange;
  }

  void register() {
    publicMarket();
    publicHistory();
    positioning();
    orders();
    account();
    server.route(GET, "/fapi/v1/listenKey", API_KEY, 1, r -> server.listenKeyJson());
    server.route(POST, "/fapi/v1/listenKey", API_KEY, 1, r -> server.listenKeyJson());
    server.route(PUT, "/fapi/v1/listenKey", API_KEY, 1, r -> server.keepAlive());
    server.route(DELETE, "/fapi/v1/listenKey", API_KEY, 1, r -> server.closeListenKey());
  }

  private void publicMarket() {
    server.route(GET, "/fapi/v1/ping", NONE, 1, r -> JSON.objectNode());
    server.route(
        GET, "/fapi/v1/time", NONE, 1, r -> JSON.objectNode().put("serverTime", server.now()));
    server.route(GET, "/fapi/v1/exchangeInfo", NONE, 1, r -> x.exchangeInfo());
    server.route(
        GET,
        "/fapi/v1/ticker/24hr",
        NONE,
        r -> r.get("symbol") == null ? 40 : 1,
        r -> perSymbol(r, x::ticker24h));
    server.route(
        GET,
        "/fapi/v1/ticker/bookTicker",
        NONE,
        r -> r.get("symbol") == null ? 5 : 2,
        r -> perSymbol(r, x::bookTicker));
    server.route(GET, "/fapi/v1/premiumIndex", NONE, 1, r -> perSymbol(r, x::premiumIndex));
    server.route(GET, "/fapi/v1/openInterest", NONE, 1, r -> x.openInterest(r.required("symbol")));
    server.route(
        GET,
        "/fapi/v1/depth",
        NONE,
        r -> depthWeight(r.limit("limit", 500, 1, 1000)),
        r -> {
          int limit = r.limit("limit", 500, 1, 1000);
          if (!DEPTH_LIMITS.contains(limit)) {
            throw new FakeReject(400, -1130, "Data sent for parameter 'limit' is not valid.");
          }
          return x.depth(r.required("symbol"), limit);
        });
  }

  private void publicHistory() {
    server.route(
        GET,
        "/fapi/v1/aggTrades",
        NONE,
        20,
        r ->
            x.aggTrades(
                r.required("symbol"),
                r.optionalLong("fromId"),
                r.optionalLong("startTime"),
                r.optionalLong("endTime"),
                r.limit("limit", 500, 1, 1000)));
    server.route(
        GET,
        "/fapi/v1/klines",
        NONE,
        r -> FakeBinanceServer.klineWeight(klineLimit(r)),
        r ->
            x.klines(
                r.required("symbol"),
                r.required("interval"),
                r.optionalLong("startTime"),
                r.optionalLong("endTime"),
                klineLimit(r)));
    server.route(
        GET,
        "/fapi/v1/fundingRate",
        NONE,
        1,
        r ->
            x.fundingRates(
                r.required("symbol"),
                r.optionalLong("startTime"),
                r.optionalLong("endTime"),
                r.limit("limit", 100, 1, 1000)));
    server.route(
        GET,
        "/futures/data/openInterestHist",
        NONE,
        1,
        r -> {
          Long period = OI_PERIODS.get(r.required("period"));
          if (period == null) {
            throw new FakeReject(400, -1120, "Invalid period.");
          }
          return x.openInterestHistory(
              r.required("symbol"),
              period,
              r.optionalLong("startTime"),
              r.optionalLong("endTime"),
              r.limit("limit", 30, 1, 500));
        });
  }

  /** The long/short ratio statistics ({@code /futures/data/...LongShort...Ratio}). */
  private void positioning() {
    for (String path :
        List.of(
            "/futures/data/globalLongShortAccountRatio",
            "/futures/data/topLongShortPositionRatio")) {
      boolean top = path.contains("top");
      server.route(
          GET,
          path,
          NONE,
          1,
          r -> {
            Long period = OI_PERIODS.get(r.required("period"));
            if (period == null) {
              throw new FakeReject(400, -1120, "Invalid period.");
            }
            return x.longShortRatios(
                r.required("symbol"),
                top,
                period,
                r.optionalLong("startTime"),
                r.optionalLong("endTime"),
                r.limit("limit", 30, 1, 500));
          });
    }
  }

  private void orders() {
    server.route(POST, "/fapi/v1/order", SIGNED, 1, r -> x.newOrder(r.params()));
    server.route(GET, "/fapi/v1/order", SIGNED, 1, r -> x.queryOrder(r.params()));
    server.route(DELETE, "/fapi/v1/order", SIGNED, 1, r -> x.cancelOrder(r.params()));
    server.route(
        GET,
        "/fapi/v1/openOrders",
        SIGNED,
        r -> r.get("symbol") == null ? 40 : 1,
        r -> x.openOrders(r.get("symbol")));
    server.route(
        GET,
        "/fapi/v1/allOrders",
        SIGNED,
        5,
        r ->
            x.allOrders(
                r.required("symbol"),
                r.optionalLong("orderId"),
                r.optionalLong("startTime"),
                r.optionalLong("endTime"),
                r.limit("limit", 500, 1, 1000)));
    server.route(
        DELETE, "/fapi/v1/allOpenOrders", SIGNED, 1, r -> x.cancelAll(r.required("symbol")));
    server.route(
        GET,
        "/fapi/v1/userTrades",
        SIGNED,
        5,
        r ->
            x.userTrades(
                r.required("symbol"),
                r.optionalLong("orderId"),
                r.optionalLong("fromId"),
                r.optionalLong("startTime"),
                r.optionalLong("endTime"),
                r.limit("limit", 500, 1, 1000)));
  }

  private void account() {
    server.route(GET, "/fapi/v1/income", SIGNED, 30, r -> x.income(r.get("incomeType")));
    server.route(GET, "/fapi/v2/account", SIGNED, 5, r -> x.account());
    server.route(GET, "/fapi/v3/account", SIGNED, 5, r -> x.accountV3());
    server.route(
        GET,
        "/papi/v1/account",
        SIGNED,
        20,
        r ->
            FakeAccountViews.portfolioAccount(
                x.account(), server.faults().marginRatio(), server.now()));
    server.route(GET, "/fapi/v2/balance", SIGNED, 5, r -> x.balances());
    server.route(GET, "/fapi/v3/balance", SIGNED, 5, r -> x.balances());
    server.route(GET, "/fapi/v2/positionRisk", SIGNED, 5, r -> x.positionRisk());
    server.route(GET, "/fapi/v3/positionRisk", SIGNED, 5, r -> x.positionRiskV3(r.get("symbol")));
    server.route(
        POST,
        "/fapi/v1/leverage",
        SIGNED,
        1,
        r -> x.setLeverage(r.required("symbol"), r.limit("leverage", 0, 0, 10_000)));
    server.route(
        GET,
        "/fapi/v1/leverageBracket",
        SIGNED,
        1,
        r -> {
          if (r.get("symbol") != null) {
            return FakeAccountViews.brackets(x.listing(r.get("symbol")).symbol());
          }
          ArrayNode all = JSON.arrayNode();
          x.listings().forEach(l -> all.add(FakeAccountViews.brackets(l.symbol())));
          return all;
        });
    server.route(
        GET,
        "/fapi/v1/positionSide/dual",
        SIGNED,
        30,
        r -> JSON.objectNode().put("dualSidePosition", false));
    server.route(
        POST,
        "/fapi/v1/positionSide/dual",
        SIGNED,
        1,
        r -> {
          if ("false".equalsIgnoreCase(r.required("dualSidePosition"))) {
            throw new FakeReject(400, -4059, "No need to change position side.");
          }
          throw new FakeReject(400, -4068, "The fake venue supports one-way mode only.");
        });
    server.route(
        GET, "/fapi/v1/commissionRate", SIGNED, 20, r -> x.commissionRate(r.required("symbol")));
  }

  /** One symbol's object when {@code symbol} is sent, else an array of every listing's. */
  private JsonNode perSymbol(FakeRequest r, Function<String, JsonNode> one) {
    if (r.get("symbol") != null) {
      return one.apply(r.get("symbol"));
    }
    ArrayNode all = JSON.arrayNode();
    x.listings().forEach(l -> all.add(one.apply(l.symbol())));
    return all;
  }

  private static int depthWeight(int limit) {
    if (limit <= 50) {
      return 2;
    }
    if (limit <= 100) {
      return 5;
    }
    return limit <= 500 ? 10 : 20;
  }

  /** The {@code limit} of a klines request (Binance's default 500; malformed counts as 500). */
  private static int klineLimit(FakeRequest r) {
    try {
      String v = r.get("limit");
      return v == null ? 500 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 500;
    }
  }
}
