package io.perpetua.venue.binance.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Binance's rules as the fake applies them (issue 12, item 4), and its HTTP edges (items 1, 3). */
class FakeSemanticsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static FakeExchange exchange() {
    return new FakeExchange(
        List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))),
        new BigDecimal("10000"),
        new FakeFaults(),
        System::currentTimeMillis);
  }

  private static Map<String, String> order(String cid, String side, String type, String qty) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", "BTCUSDT");
    p.put("side", side);
    p.put("type", type);
    p.put("quantity", qty);
    p.put("newClientOrderId", cid);
    return p;
  }

  private static int code(Runnable r) {
    try {
      r.run();
    } catch (FakeReject e) {
      return e.code();
    }
    return 0;
  }

  @Test
  void clientOrderId_isUniqueAmongOpenOrdersOnly() {
    FakeExchange x = exchange();
    Map<String, String> limit = order("c1", "BUY", "LIMIT", "0.010");
    limit.put("price", "49000.0");
    x.newOrder(limit);
    assertThat(code(() -> x.newOrder(limit))).isEqualTo(-4116);
    x.cancelOrder(Map.of("symbol", "BTCUSDT", "origClientOrderId", "c1"));
    assertThat(x.newOrder(limit).get("status").asText()).isEqualTo("NEW");
    assertThat(x.orderCount()).isEqualTo(2);
  }

  @Test
  void orderRules_followBinance() {
    FakeExchange x = exchange();
    Map<String, String> postOnly = order("p1", "BUY", "LIMIT", "0.010");
    postOnly.put("price", "50100.0");
    postOnly.put("timeInForce", "GTX");
    assertThat(code(() -> x.newOrder(postOnly))).isEqualTo(-5022);
    assertThat(x.orderCount()).as("a refused post-only order is not recorded").isZero();
    assertThat(code(() -> x.newOrder(order("q0", "BUY", "MARKET", "0")))).isEqualTo(-4003);
    Map<String, String> stop = order("s1", "SELL", "STOP_MARKET", "0.010");
    assertThat(code(() -> x.newOrder(stop))).isEqualTo(-4120);
    x.newOrder(order("m1", "BUY", "MARKET", "0.010"));
    Map<String, String> tiny = order("r1", "SELL", "MARKET", "0.001");
    assertThat(code(() -> x.newOrder(tiny))).as("below min notional").isEqualTo(-4164);
    tiny.put("reduceOnly", "true");
    assertThat(x.newOrder(tiny).get("status").asText()).isEqualTo("FILLED");
  }

  @Test
  void aggTrades_withoutFromId_areTheMostRecent_andHonourTheTimeWindow() {
    FakeExchange x = exchange();
    long t0 = 1_700_000_000_000L;
    for (int i = 0; i < 10; i++) {
      x.tradeAt("BTCUSDT", new BigDecimal("50000.0"), BigDecimal.ONE, false, t0 + i * 1_000L);
    }
    JsonNode recent = x.aggTrades("BTCUSDT", null, null, null, 3);
    assertThat(recent).extracting(n -> n.get("a").asLong()).containsExactly(8L, 9L, 10L);
    JsonNode window = x.aggTrades("BTCUSDT", null, t0 + 2_000, t0 + 4_000, 100);
    assertThat(window).extracting(n -> n.get("a").asLong()).containsExactly(3L, 4L, 5L);
    assertThat(code(() -> x.aggTrades("BTCUSDT", null, t0, t0 + 3_700_000, 10))).isEqualTo(-1127);
  }

  @Test
  void marginFields_comeFromPositionsAndOpenOrders_andLeverageIsSettable() {
    FakeExchange x = exchange();
    x.setLeverage("BTCUSDT", 10);
    x.newOrder(order("m1", "BUY", "MARKET", "1.000")); // 50,000 notional at 10x
    Map<String, String> bid = order("b1", "BUY", "LIMIT", "0.100");
    bid.put("price", "40000.0"); // 4,000 notional resting
    x.newOrder(bid);
    JsonNode a = x.account();
    assertThat(new BigDecimal(a.get("totalPositionInitialMargin").asText()))
        .isEqualByComparingTo("5000");
    assertThat(new BigDecimal(a.get("totalOpenOrderInitialMargin").asText()))
        .isEqualByComparingTo("400");
    assertThat(new BigDecimal(a.get("totalInitialMargin").asText())).isEqualByComparingTo("5400");
    BigDecimal wallet = new BigDecimal(a.get("totalWalletBalance").asText());
    assertThat(new BigDecimal(a.get("availableBalance").asText()))
        .isEqualByComparingTo(wallet.subtract(new BigDecimal("5400")));
    JsonNode p = x.positionRisk().get(0);
    assertThat(p.get("leverage").asText()).isEqualTo("10");
    // one long of 1 BTC at 50,000, wallet ≈ 9,975 (after the taker fee), bracket 2 (mmr 0.5 %,
    // amount 50): LP = (W + 50 − 50,000) / (0.005 − 1)
    BigDecimal lp = new BigDecimal(p.get("liquidationPrice").asText());
    BigDecimal expected =
        wallet
            .add(new BigDecimal("50"))
            .subtract(new BigDecimal("50000"))
            .divide(new BigDecimal("-0.995"), 2, java.math.RoundingMode.HALF_EVEN);
    assertThat(lp.subtract(expected).abs()).isLessThan(new BigDecimal("0.05"));
    assertThat(code(() -> x.setLeverage("BTCUSDT", 0))).isEqualTo(-4028);
  }

  @Test
  void http_formBodySigning_missingTimestamp_andUnknownPaths() throws Exception {
    try (FakeBinanceServer server =
        FakeBinanceServer.startLocal(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))))) {
      String base = server.restBaseUrl();
      String body =
          "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&timestamp="
              + System.currentTimeMillis();
      HttpResponse<String> placed =
          send(base + "/fapi/v1/order", "POST", "", body + "&signature=" + sign(body));
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
      assertThat(JSON.readTree(placed.body()).get("status").asText()).isEqualTo("FILLED");
      // split between query and body: the signature covers query + body
      String query = "symbol=BTCUSDT&side=SELL";
      String rest = "type=MARKET&quantity=0.010&timestamp=" + System.currentTimeMillis();
      HttpResponse<String> split =
          send(
              base + "/fapi/v1/order?" + query,
              "POST",
              "",
              rest + "&signature=" + sign(query + rest));
      assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
      String noTime = "symbol=BTCUSDT";
      HttpResponse<String> missing =
          send(
              base + "/fapi/v1/openOrders?" + noTime + "&signature=" + sign(noTime), "GET", "", "");
      assertThat(JSON.readTree(missing.body()).get("code").asInt()).isEqualTo(-1102);
      HttpResponse<String> unknown = send(base + "/fapi/v1/nope", "GET", "", "");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(unknown.body()).has("msg")).isTrue();
    }
  }

  private static HttpResponse<String> send(String url, String method, String q, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + q))
            .header("X-MBX-APIKEY", FakeBinanceServer.API_KEY);
    if (!body.isEmpty()) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    b.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            FakeBinanceServer.API_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void unknownIntervalOrStream_isAnError_everyBinanceIntervalIsKnown() {
    assertThat(FakeInterval.values()).hasSize(15);
    assertThat(FakeInterval.W1.openTime(1_765_152_000_000L + 3_600_000L)) // Mon 2025-12-08 01:00
        .isEqualTo(1_765_152_000_000L);
    assertThat(FakeInterval.MONTH.closeTime(1_764_547_200_000L)) // 2025-12-01
        .isEqualTo(1_767_225_600_000L - 1);
    FakeStreams streams =
        new FakeStreams(k -> false, List.of(FakeListing.standard("BTCUSDT", null)));
    assertThat(streams.valid("btcusdt@depth5@100ms")).isTrue();
    assertThat(streams.valid("btcusdt@kline_1M")).isTrue();
    assertThat(streams.valid("btcusdt@kline_2w")).isFalse();
    assertThat(streams.valid("ethusdt@aggTrade")).as("not listed").isFalse();
    assertThat(streams.valid("btcusdt@nonsense")).isFalse();
    assertThatThrownBy(() -> FakeInterval.parse("2w")).isInstanceOf(IllegalArgumentException.class);
  }
}
