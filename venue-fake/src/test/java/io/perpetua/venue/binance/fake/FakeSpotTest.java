package io.perpetua.venue.binance.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The fake's Binance spot API ({@code /api/v3}): the spot leg of a funding carry. */
class FakeSpotTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void spotBuy_fillsAtTheAsk_movesSpotBalances_andLeavesTheFuturesWalletAlone() throws Exception {
    try (var server = start()) {
      JsonNode book = get(server, "/api/v3/ticker/bookTicker?symbol=BTCUSDT");
      assertThat(book.has("time")).as("spot bookTicker has no time field").isFalse();
      BigDecimal ask = new BigDecimal(book.get("askPrice").asText());
      assertThat(ask).isGreaterThan(new BigDecimal(book.get("bidPrice").asText()));
      JsonNode futuresBefore = signed(server, "GET", "/fapi/v2/balance", "");
      JsonNode order =
          signed(
              server,
              "POST",
              "/api/v3/order",
              "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=carry-1-spot");
      assertThat(order.get("status").asText()).as(order.toString()).isEqualTo("FILLED");
      assertThat(order.get("clientOrderId").asText()).isEqualTo("carry-1-spot");
      JsonNode fill = order.get("fills").get(0);
      assertThat(new BigDecimal(fill.get("price").asText())).isEqualByComparingTo(ask);
      assertThat(fill.get("commissionAsset").asText()).isEqualTo("USDT");
      BigDecimal notional = ask.multiply(new BigDecimal("0.010"));
      assertThat(new BigDecimal(order.get("cummulativeQuoteQty").asText()))
          .isEqualByComparingTo(notional);
      JsonNode account = signed(server, "GET", "/api/v3/account", "");
      assertThat(account.get("accountType").asText()).isEqualTo("SPOT");
      BigDecimal fee = notional.multiply(new BigDecimal("0.001"));
      assertThat(new BigDecimal(fill.get("commission").asText())).isEqualByComparingTo(fee);
      assertThat(balance(account, "USDT"))
          .isEqualByComparingTo(new BigDecimal("10000").subtract(notional).subtract(fee));
      assertThat(balance(account, "BTC")).isEqualByComparingTo("0.010");
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0.010");
      assertThat(signed(server, "GET", "/fapi/v2/balance", "").get(0).get("availableBalance"))
          .isEqualTo(futuresBefore.get(0).get("availableBalance"));
      JsonNode queried =
          signed(server, "GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=carry-1-spot");
      assertThat(queried.get("orderId").asLong()).isEqualTo(order.get("orderId").asLong());
      assertThat(queried.get("status").asText()).isEqualTo("FILLED");
    }
  }

  @Test
  void duplicateClientId_insufficientBalance_unknownOrder_areBinanceErrors() throws Exception {
    try (var server = start()) {
      String buy = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=c1";
      signed(server, "POST", "/api/v3/order", buy);
      assertThat(signed(server, "POST", "/api/v3/order", buy).get("code").asInt())
          .as("a client order id is never reused")
          .isEqualTo(-2010);
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0.010");
      JsonNode tooBig =
          signed(
              server,
              "POST",
              "/api/v3/order",
              "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1.000&newClientOrderId=c2");
      assertThat(tooBig.get("code").asInt()).isEqualTo(-2010);
      assertThat(tooBig.get("msg").asText()).contains("insufficient balance");
      JsonNode unknown =
          signed(server, "GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=nope");
      assertThat(unknown.get("code").asInt()).isEqualTo(-2013);
      JsonNode sell =
          signed(
              server,
              "POST",
              "/api/v3/order",
              "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.009&newClientOrderId=c3");
      assertThat(sell.get("fills").get(0).get("commissionAsset").asText()).isEqualTo("USDT");
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0.001");
    }
  }

  @Test
  void serverErrorFault_onSpotOrderPath_sendsNoOrder() throws Exception {
    try (var server = start()) {
      server.faults().serverErrorNext("/api/v3/order");
      HttpResponse<String> r =
          send(
              server,
              "POST",
              "/api/v3/order",
              "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=f1");
      assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0");
      JsonNode retried =
          signed(
              server,
              "POST",
              "/api/v3/order",
              "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=f1");
      assertThat(retried.get("status").asText()).isEqualTo("FILLED");
    }
  }

  private static FakeBinanceServer start() {
    return FakeBinanceServer.startLocal(
        List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))));
  }

  private static BigDecimal balance(JsonNode account, String asset) {
    for (JsonNode b : account.get("balances")) {
      if (b.get("asset").asText().equals(asset)) {
        return new BigDecimal(b.get("free").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  private static JsonNode get(FakeBinanceServer s, String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(s.restBaseUrl() + path)).build();
    return JSON.readTree(HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body());
  }

  private static JsonNode signed(FakeBinanceServer s, String method, String path, String query)
      throws Exception {
    return JSON.readTree(send(s, method, path, query).body());
  }

  private static HttpResponse<String> send(
      FakeBinanceServer s, String method, String path, String query) throws Exception {
    String q = (query.isEmpty() ? "" : query + "&") + "timestamp=" + System.currentTimeMillis();
    String url = s.restBaseUrl() + path + "?" + q + "&signature=" + sign(q);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url))
            .header("X-MBX-APIKEY", FakeBinanceServer.API_KEY)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            FakeBinanceServer.API_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }
}
