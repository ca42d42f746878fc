package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.testing.SharedData;
import io.perpetua.venue.binance.fake.FakeExchange;
import io.perpetua.venue.binance.fake.FakeFaults;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file under {@code binance-api-fixtures/{rest,ws-market,ws-user}} parses into our types, and
 * every payload the fake venue emits has exactly its fixture's fields and JSON value types.
 */
class AllFixturesTest {
  private static final String ROOT = "binance-api-fixtures/";

  /** File name → parser. A fixture without an entry fails the test. */
  private static final Map<String, Function<JsonNode, Object>> PARSERS = parsers();

  private static Map<String, Function<JsonNode, Object>> parsers() {
    Map<String, Function<JsonNode, Object>> m = new HashMap<>();
    m.put("rest/account_info_v2.json", AccountInfo::fromJson);
    m.put("rest/balance.json", n -> each(n, Balance::fromJson));
    m.put("rest/futures_account_orders.json", n -> each(n, OrderState::fromJson));
    m.put("rest/futures_account_position_side_dual.json", BinanceMessages::positionMode);
    m.put("rest/futures_account_positions_hedge.json", n -> each(n, PositionRisk::fromJson));
    m.put("rest/futures_account_positions_one_way.json", n -> each(n, PositionRisk::fromJson));
    m.put("rest/futures_account_symbol_config.json", BinanceMessages::symbolConfigs);
    m.put("rest/futures_account_trades.json", n -> each(n, UserTrade::fromJson));
    m.put("rest/futures_market_agg_trades.json", n -> each(n, t -> AggTrade.fromJson(t, "X")));
    m.put("rest/futures_market_asset_index.json", BinanceMessages::assetIndex);
    m.put("rest/futures_market_blvt_nav_kline.json", BinanceMessages::bars);
    m.put("rest/futures_market_book_ticker.json", BinanceMessages::bookTicker);
    m.put("rest/futures_market_continuous_klines.json", BinanceMessages::bars);
    m.put("rest/futures_market_depth.json", BinanceMessages::depth);
    m.put("rest/futures_market_exchange_info.json", ExchangeInfo::fromJson);
    m.put("rest/futures_market_funding_rate.json", BinanceMessages::fundingRates);
    m.put(
        "rest/futures_market_global_long_short_account_ratio.json",
        BinanceMessages::longShortRatios);
    m.put("rest/futures_market_historical_trades.json", BinanceMessages::publicTrades);
    m.put("rest/futures_market_index_info.json", BinanceMessages::indexInfo);
    m.put("rest/futures_market_index_price_klines.json", BinanceMessages::bars);
    m.put("rest/futures_market_klines.json", n -> each(n, Kline::fromJson));
    m.put("rest/futures_market_mark_price_klines.json", BinanceMessages::bars);
    m.put("rest/futures_market_open_interest.json", BinanceMessages::openInterest);
    m.put(
        "rest/futures_market_open_interest_historical.json", BinanceMessages::openInterestHistory);
    m.put("rest/futures_market_premium_index.json", BinanceMessages::premiumIndex);
    m.put("rest/futures_market_taker_long_short_ratio.json", BinanceMessages::takerRatios);
    m.put("rest/futures_market_ticker_24hr.json", BinanceMessages::ticker);
    m.put("rest/futures_market_ticker_price.json", BinanceMessages::tickerPrice);
    m.put(
        "rest/futures_market_top_long_short_account_ratio.json", BinanceMessages::longShortRatios);
    m.put(
        "rest/futures_market_top_long_short_position_ratio.json", BinanceMessages::longShortRatios);
    m.put("rest/futures_market_trades.json", BinanceMessages::publicTrades);
    m.put("rest/futures_wallet_commission_rate_btcusdt.json", BinanceMessages::commissionRate);
    m.put(
        "rest/futures_wallet_commission_rate_btcusdt_quarterly.json",
        BinanceMessages::commissionRate);
    m.put("rest/futures_wallet_commission_rate_ethusdt.json", BinanceMessages::commissionRate);
    m.put("rest/open_algo_orders.json", BinanceMessages::algoOrders);
    m.put("rest/order_response.json", OrderState::fromJson);
    m.put("rest/position_risk.json", n -> each(n, PositionRisk::fromJson));
    for (String f :
        List.of(
            "agg_trade_stream",
            "book_ticker_stream",
            "depth_update_stream",
            "kline_stream_closed",
            "kline_stream_open",
            "liquidation_stream",
            "mark_price_stream")) {
      m.put("ws-market/" + f + ".json", AllFixturesTest::marketEvent);
    }
    m.put("ws-market/ticker_stream.json", BinanceMessages::ticker);
    m.put("ws-market/trade_stream.json", BinanceMessages::publicTrades);
    m.put("ws-user/futures_book_ticker.json", AllFixturesTest::marketEvent);
    m.put("ws-user/futures_depth_diff_update.json", AllFixturesTest::marketEvent);
    m.put("ws-user/futures_depth_update.json", AllFixturesTest::marketEvent);
    m.put("ws-user/futures_ticker_24hr.json", BinanceMessages::ticker);
    m.put("ws-user/trade_lite.json", BinanceMessages::tradeLite);
    m.put("ws-user/futures_trade_lite.json", BinanceMessages::tradeLite);
    m.put("ws-user/account_update.json", n -> typed(n, AccountUpdate.class));
    m.put("ws-user/account_update_bnfcr.json", n -> typed(n, AccountUpdate.class));
    for (String f :
        List.of(
            "algo_update_canceled",
            "algo_update_new",
            "futures_algo_update_finished",
            "futures_algo_update_finished_canceled",
            "futures_algo_update_triggered",
            "futures_algo_update_triggering")) {
      m.put("ws-user/" + f + ".json", BinanceMessages::algoUpdate);
    }
    return m;
  }

  private static List<Object> each(JsonNode array, Function<JsonNode, Object> parser) {
    assertThat(array.isArray()).isTrue();
    List<Object> out = new ArrayList<>();
    array.forEach(n -> out.add(parser.apply(n)));
    return out;
  }

  private static Object marketEvent(JsonNode n) {
    return MarketEvent.parse(n.toString()).orElseThrow();
  }

  private static Object typed(JsonNode n, Class<?> type) {
    UserDataEvent e = UserDataEvent.parse(n.toString());
    assertThat(e).isInstanceOf(type);
    return e;
  }

  private static Function<JsonNode, Object> parserFor(String relative) {
    if (relative.startsWith("ws-user/") && relative.contains("order_update")) {
      return n -> typed(n, OrderTradeUpdate.class);
    }
    return PARSERS.get(relative);
  }

  @Test
  void everyFixtureFile_parsesIntoOurTypes() throws IOException {
    List<String> missing = new ArrayList<>();
    int parsed = 0;
    for (String dir : List.of("rest", "ws-market", "ws-user")) {
      List<Path> files;
      try (Stream<Path> s = Files.list(SharedData.require(ROOT + dir))) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String relative = dir + "/" + f.getFileName();
        Function<JsonNode, Object> parser = parserFor(relative);
        if (parser == null) {
          missing.add(relative);
          continue;
        }
        Object value = parser.apply(Json.parse(Files.readString(f)));
        assertThat(value).as(relative).isNotNull();
        if (value instanceof Collection<?> c) {
          assertThat(c).as(relative).isNotEmpty();
        }
        parsed++;
      }
    }
    assertThat(missing).as("fixtures without a parser").isEmpty();
    assertThat(parsed).isEqualTo(79);
  }

  @Test
  void rarelyUsedMessages_carryTheirValues() throws IOException {
    BinanceMessages.AlgoOrder algo =
        BinanceMessages.algoUpdate(read("ws-user/futures_algo_update_triggered.json"));
    assertThat(algo.status()).isEqualTo("TRIGGERED");
    assertThat(algo.triggerPrice()).isEqualByComparingTo("0.13855");
    BinanceMessages.TradeLite lite = BinanceMessages.tradeLite(read("ws-user/trade_lite.json"));
    assertThat(lite.lastQty()).isEqualByComparingTo("0.001");
    assertThat(lite.tradeId()).isEqualTo(12345678L);
    List<BinanceMessages.Bar> bars =
        BinanceMessages.bars(read("rest/futures_market_mark_price_klines.json"));
    assertThat(bars.get(0).close().signum()).isPositive();
    BinanceMessages.DepthSnapshot depth =
        BinanceMessages.depth(read("rest/futures_market_depth.json"));
    assertThat(depth.lastUpdateId()).isEqualTo(1027024L);
    assertThat(depth.asks().get(0)[1]).isEqualByComparingTo("12");
    assertThat(BinanceMessages.ticker(read("ws-market/ticker_stream.json")).tradeCount())
        .isEqualTo(142853L);
    assertThat(BinanceMessages.openInterestHistory(read(ROI)).get(0).value())
        .isEqualByComparingTo("150570784.07809979");
    AccountUpdate bnfcr =
        (AccountUpdate) UserDataEvent.parse(read("ws-user/account_update_bnfcr.json").toString());
    assertThat(bnfcr.balances().get(0).asset()).isEqualTo("BNFCR");
    OrderTradeUpdate adl =
        (OrderTradeUpdate)
            UserDataEvent.parse(read("ws-user/futures_order_update_adl_filled.json").toString());
    assertThat(adl.clientOrderId()).isNotBlank();
  }

  private static final String ROI = "rest/futures_market_open_interest_historical.json";

  private static JsonNode read(String relative) throws IOException {
    return Json.parse(Files.readString(SharedData.require(ROOT + relative)));
  }

  @Test
  void theFakeEmitsExactlyTheFixtureShapes() throws IOException {
    SharedData.require(ROOT + "rest");
    List<JsonNode> user = new ArrayList<>();
    Map<String, JsonNode> market = new HashMap<>();
    FakeExchange x =
        new FakeExchange(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))),
            new BigDecimal("10000"),
            new FakeFaults(),
            System::currentTimeMillis);
    x.setSink(
        new FakeExchange.Sink() {
          @Override
          public void userEvent(com.fasterxml.jackson.databind.node.ObjectNode event) {
            user.add(event);
          }

          @Override
          public void marketEvent(
              String stream, com.fasterxml.jackson.databind.node.ObjectNode event) {
            String key = stream.substring(stream.indexOf('@') + 1);
            if (event.path("k").path("x").asBoolean()) {
              key += "_closed";
            }
            market.put(key, event);
          }
        });
    x.trade("BTCUSDT", new BigDecimal("50000.0"), new BigDecimal("0.010"), false);
    JsonNode order =
        x.newOrder(
            Map.of(
                "symbol", "BTCUSDT",
                "side", "BUY",
                "type", "MARKET",
                "quantity", "0.010",
                "newClientOrderId", "shape-1"));
    // a print two minutes later closes the first 1m bar (x=true) and opens another
    x.tradeAt(
        "BTCUSDT",
        new BigDecimal("50001.0"),
        new BigDecimal("0.002"),
        true,
        System.currentTimeMillis() + 120_000);
    List<String> diffs = new ArrayList<>();
    compare("order", order, read("rest/order_response.json"), diffs);
    compare("kline", market.get("kline_1m"), read("ws-market/kline_stream_open.json"), diffs);
    compare(
        "kline closed",
        market.get("kline_1m_closed"),
        read("ws-market/kline_stream_closed.json"),
        diffs);
    compare("aggTrade", market.get("aggTrade"), read("ws-market/agg_trade_stream.json"), diffs);
    compare("markPrice", market.get("markPrice"), read("ws-market/mark_price_stream.json"), diffs);
    compare(
        "bookTicker", market.get("bookTicker"), read("ws-market/book_ticker_stream.json"), diffs);
    compare(
        "aggTrades",
        x.aggTrades("BTCUSDT", 0, 10),
        read("rest/futures_market_agg_trades.json"),
        diffs);
    compare(
        "userTrades",
        x.userTrades("BTCUSDT", null),
        read("rest/futures_account_trades.json"),
        diffs);
    compare("account", x.account(), read("rest/account_info_v2.json"), diffs);
    compareNewEndpoints(x, market, diffs);
    compare("balance", x.balances(), read("rest/balance.json"), diffs);
    compare("positionRisk", x.positionRisk(), read("rest/position_risk.json"), diffs);
    JsonNode trade =
        user.stream()
            .filter(e -> "TRADE".equals(e.path("o").path("x").asText()))
            .findFirst()
            .orElseThrow();
    compare("ORDER_TRADE_UPDATE", trade, read("ws-user/order_update_trade.json"), diffs);
    JsonNode account =
        user.stream()
            .filter(e -> "ACCOUNT_UPDATE".equals(e.path("e").asText()))
            .findFirst()
            .orElseThrow();
    compare("ACCOUNT_UPDATE", account, read("ws-user/account_update.json"), diffs);
    assertThat(diffs).isEmpty();
  }

  /** The endpoints and streams issue 12 added, against their fixtures. */
  private static void compareNewEndpoints(
      FakeExchange x, Map<String, JsonNode> market, List<String> diffs) throws IOException {
    compare(
        "ticker/24hr", x.ticker24h("BTCUSDT"), read("rest/futures_market_ticker_24hr.json"), diffs);
    compare(
        "bookTicker", x.bookTicker("BTCUSDT"), read("rest/futures_market_book_ticker.json"), diffs);
    compare("depth", x.depth("BTCUSDT", 5), read("rest/futures_market_depth.json"), diffs);
    compare(
        "premiumIndex",
        x.premiumIndex("BTCUSDT"),
        read("rest/futures_market_premium_index.json"),
        diffs);
    compare(
        "fundingRate",
        x.fundingRates("BTCUSDT", null, null, 3),
        read("rest/futures_market_funding_rate.json"),
        diffs);
    compare(
        "openInterest",
        x.openInterest("BTCUSDT"),
        read("rest/futures_market_open_interest.json"),
        diffs);
    compare(
        "openInterestHist",
        x.openInterestHistory("BTCUSDT", 3_600_000L, null, null, 3),
        read("rest/futures_market_open_interest_historical.json"),
        diffs);
    compare(
        "commissionRate",
        x.commissionRate("BTCUSDT"),
        read("rest/futures_wallet_commission_rate_btcusdt.json"),
        diffs);
    compare(
        "allOrders",
        x.allOrders("BTCUSDT", null, null, null, 10).get(0),
        read("rest/order_response.json"),
        diffs);
    compare("trade", market.get("trade"), read("ws-market/trade_stream.json"), diffs);
    compare("depthUpdate", market.get("depth"), read("ws-market/depth_update_stream.json"), diffs);
    compare("24hrTicker", market.get("ticker"), read("ws-market/ticker_stream.json"), diffs);
  }

  /** Compares key sets and value types recursively; array elements against the first fixture. */
  static void compare(String path, JsonNode fake, JsonNode fixture, List<String> diffs) {
    if (fake == null) {
      diffs.add(path + ": the fake emitted nothing");
      return;
    }
    if (fake.getNodeType() != fixture.getNodeType()) {
      diffs.add(
          path + ": " + fake.getNodeType() + " where the fixture has " + fixture.getNodeType());
      return;
    }
    if (fixture.isObject()) {
      var fakeKeys = new TreeSet<String>();
      fake.fieldNames().forEachRemaining(fakeKeys::add);
      var fixtureKeys = new TreeSet<String>();
      fixture.fieldNames().forEachRemaining(fixtureKeys::add);
      if (!fakeKeys.equals(fixtureKeys)) {
        var extra = new TreeSet<>(fakeKeys);
        extra.removeAll(fixtureKeys);
        var absent = new TreeSet<>(fixtureKeys);
        absent.removeAll(fakeKeys);
        diffs.add(path + ": extra " + extra + ", missing " + absent);
      }
      for (String k : fixtureKeys) {
        if (fake.has(k)) {
          compare(path + "." + k, fake.get(k), fixture.get(k), diffs);
        }
      }
    } else if (fixture.isArray() && !fixture.isEmpty()) {
      for (int i = 0; i < fake.size(); i++) {
        compare(path + "[" + i + "]", fake.get(i), fixture.get(0), diffs);
      }
    }
  }
}
