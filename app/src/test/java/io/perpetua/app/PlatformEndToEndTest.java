package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the whole platform in-process on the real hourly data (synthetic when the shared data is
 * absent), waits for a rebalance through the API, checks the numbers agree, restarts and checks the
 * replay continues from the stored state.
 */
class PlatformEndToEndTest {
  private static final String TOKEN = "e2e-test-token-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;

  private JsonNode get(int port, String path, boolean auth) throws Exception {
    var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (auth) {
      req.header("Authorization", "Bearer " + TOKEN);
    }
    var res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = json.readTree(res.body());
    assertThat(body.has("code") && body.has("timestamp")).as("envelope of %s", path).isTrue();
    return body;
  }

  private JsonNode awaitData(int port, String path, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    JsonNode last = null;
    while (System.currentTimeMillis() < end) {
      last = get(port, path, true);
      if (last.get("code").asInt() == 0) {
        return last.get("data");
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no data at " + path + " within " + timeoutMs + " ms: " + last);
  }

  @Test
  void run_rebalanceVisibleThroughApi_restartContinues() throws Exception {
    Path shared = SharedData.root();
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0"));
    Map<String, String> env = Map.of("PERPETUA_API_TOKEN", TOKEN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String firstSignal;
    try (Platform p =
        Platform.start(
            config,
            dataDir,
            shared,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            36_000)) {
      int port = p.port();
      assertThat(get(port, "/api/v1/health", false).get("code").asInt()).isZero();
      assertThat(get(port, "/api/v1/signals/latest", false).get("code").asInt()).isEqualTo(40101);

      JsonNode targets = awaitData(port, "/api/v1/portfolio/target-positions", 60_000);
      assertThat(targets.get("strategy_name").asText()).isEqualTo("baseline_rev");
      assertThat(targets.get("total_long").asInt()).isEqualTo(30);
      assertThat(targets.get("total_short").asInt()).isEqualTo(30);
      JsonNode signals = awaitData(port, "/api/v1/signals/latest", 5_000);
      assertThat(signals.get("total_symbols_in_pool").asInt()).isBetween(60, 100);
      firstSignal = signals.get("signal_timestamp").asText();

      JsonNode positions = awaitPositions(port);
      assertThat(positions.get("long_count").asInt()).isEqualTo(30);
      assertThat(positions.get("short_count").asInt()).isEqualTo(30);
      JsonNode balance = awaitData(port, "/api/v1/account/balance", 5_000);
      double upnl = 0;
      double margin = 0;
      for (JsonNode pos : positions.get("positions")) {
        upnl += pos.get("unrealized_pnl").asDouble();
        margin += pos.get("margin").asDouble();
      }
      // both snapshots come from the same kernel step unless a step passed between the two reads
      if (balance.get("updated_at").asText().equals(positions.get("updated_at").asText())) {
        assertThat(balance.get("unrealized_pnl").asDouble())
            .isCloseTo(upnl, within(0.01 * 60 + 0.01));
        assertThat(balance.get("used_margin").asDouble())
            .isCloseTo(margin, within(0.01 * 60 + 0.01));
      }
      assertThat(balance.get("total_equity").asDouble())
          .isCloseTo(
              balance.get("available_balance").asDouble() + balance.get("used_margin").asDouble(),
              within(0.02));
      assertThat(balance.get("total_equity").asDouble()).isBetween(5_000.0, 20_000.0);

      JsonNode pipeline = awaitData(port, "/api/v1/health/pipeline", 5_000);
      assertThat(pipeline.get("stages").findValuesAsText("name"))
          .containsExactly(
              "data_ingestion",
              "asset_pool",
              "feature_calculation",
              "signal_generation",
              "order_execution");
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("/api/v1/health")
        .doesNotContain(TOKEN);
    assertThat(Files.exists(dataDir.resolve("perpetua.mv.db"))).isTrue();

    try (Platform p =
        Platform.start(
            config,
            dataDir,
            shared,
            env,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            36_000)) {
      JsonNode signals = awaitData(p.port(), "/api/v1/signals/latest", 30_000);
      assertThat(signals.get("signal_timestamp").asText()).isGreaterThanOrEqualTo(firstSignal);
      JsonNode positions = awaitPositions(p.port());
      assertThat(positions.get("total_positions").asInt()).isEqualTo(60);
    }
  }

  @Test
  void run_onTheFakeBinanceVenue_tradesOverItsProtocol_andIsNotDryRun() throws Exception {
    PerpetuaConfig config =
        ConfigLoader.load(
            null, Map.of("PERPETUA_PORT", "0", "PERPETUA_VENUE_TYPE", "fake-binance"));
    Map<String, String> env = Map.of("PERPETUA_API_TOKEN", TOKEN);
    try (Platform p =
        Platform.start(
            config,
            dataDir,
            SharedData.root(),
            env,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            36_000)) {
      int port = p.port();
      // fills come back over the venue's user stream: wait for the whole book
      long end = System.currentTimeMillis() + 30_000;
      int held = 0;
      while (held != 60 && System.currentTimeMillis() < end) {
        held = awaitPositions(port).get("total_positions").asInt();
      }
      assertThat(held).isEqualTo(60);
      JsonNode risk = awaitData(port, "/api/v1/risk/status", 5_000);
      assertThat(risk.get("dry_run").asBoolean()).isFalse();
      JsonNode orders = awaitData(port, "/api/v1/orders/history?page_size=500", 5_000);
      assertThat(orders.get("items").findValuesAsText("dry_run")).containsOnly("false");
      assertThat(orders.get("items").findValuesAsText("status")).contains("filled");
      JsonNode trades = awaitData(port, "/api/v1/orders/trades?page_size=5", 5_000);
      assertThat(trades.at("/pagination/total_items").asLong()).isPositive();
    }
  }

  /**
   * Decision → risk → signed order → fake venue fill → user-data event → position → API, for the
   * three order kinds: maker-first turns the kernel's orders into post-only (GTX) limits, the ones
   * that time out go on at market, and the orders that shrink a position carry reduce-only. Every
   * kind is checked on the venue's own order book and found again through the API, and the
   * positions the API reports equal the venue's.
   */
  @Test
  void run_onTheFakeBinanceVenue_market_postOnly_reduceOnly_fromDecisionToApi() throws Exception {
    PerpetuaConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "PERPETUA_PORT", "0",
                "PERPETUA_VENUE_TYPE", "fake-binance",
                "PERPETUA_VENUE_MAKER_FIRST", "true",
                "PERPETUA_VENUE_ENTRY_TIMEOUT_MS", "3000"));
    try (Platform p = TestPlatforms.start(config, dataDir, TOKEN, 3_600)) {
      int port = p.port();
      long up = System.currentTimeMillis() + 60_000;
      while (p.liveVenue() == null && System.currentTimeMillis() < up) {
        Thread.sleep(50); // the kernel thread connects to the venue after the API is up
      }
      var exchange = ((FakeBinanceLive) p.liveVenue()).fake.exchange();
      // wait for the second rebalance: its reducing orders are reduce-only
      long end = System.currentTimeMillis() + 90_000;
      JsonNode venueOrders = exchange.allOrders();
      while (System.currentTimeMillis() < end && !filled(venueOrders, "reduceOnly", "GTX")) {
        Thread.sleep(250);
        venueOrders = exchange.allOrders();
      }
      assertThat(filled(venueOrders, "reduceOnly", "GTX"))
          .as("a reduce-only post-only fill")
          .isTrue();
      assertThat(filled(venueOrders, "entry", "GTX")).as("a post-only entry filled").isTrue();
      long end2 = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < end2 && !filled(venueOrders, "any", "MARKET")) {
        Thread.sleep(250);
        venueOrders = exchange.allOrders();
      }
      assertThat(filled(venueOrders, "any", "MARKET")).as("a market fallback filled").isTrue();

      // the API has every post-only order the venue filled, under the same id, reduce-only kept;
      // the journal catches up at the next bar's checkpoint
      List<JsonNode> venueFilled = new ArrayList<>();
      for (JsonNode v : venueOrders) {
        if (v.get("timeInForce").asText().equals("GTX")
            && v.get("status").asText().equals("FILLED")) {
          venueFilled.add(v);
        }
      }
      long end4 = System.currentTimeMillis() + 20_000;
      List<String> behind;
      int matched;
      do {
        JsonNode orders = awaitData(port, "/api/v1/orders/history?page_size=500", 5_000);
        Map<String, JsonNode> byId = new HashMap<>();
        orders.get("items").forEach(o -> byId.put(o.get("order_id").asText(), o));
        behind = new ArrayList<>();
        matched = 0;
        for (JsonNode v : venueFilled) {
          JsonNode api = byId.get(v.get("clientOrderId").asText());
          if (api == null) {
            continue; // beyond the first API page
          }
          assertThat(api.get("reduce_only").asBoolean()).isEqualTo(v.get("reduceOnly").asBoolean());
          matched++;
          if (!api.get("status").asText().equals("filled")) {
            behind.add(api.get("order_id").asText() + " " + api.get("status").asText());
          }
        }
      } while (!behind.isEmpty() && System.currentTimeMillis() < end4);
      assertThat(matched).isPositive();
      assertThat(behind).as("API status of orders the venue filled").isEmpty();
      JsonNode trades = awaitData(port, "/api/v1/orders/trades?page_size=500", 5_000);
      assertThat(trades.get("items").findValuesAsText("liquidity")).contains("maker", "taker");

      // positions through the API equal the venue's (between two rebalances they stand still)
      long end3 = System.currentTimeMillis() + 30_000;
      Map<String, Double> apiPos = Map.of();
      Map<String, Double> venuePos = Map.of("", 0.0);
      JsonNode venues = null;
      while (System.currentTimeMillis() < end3 && !apiPos.equals(venuePos)) {
        apiPos = signed(awaitPositions(port).get("positions"));
        venues = awaitData(port, "/api/v1/venues", 5_000);
        venuePos = new TreeMap<>();
        for (JsonNode q : venues.at("/venues/0/positions")) {
          venuePos.put(q.get("symbol").asText(), q.get("quantity").asDouble());
        }
      }
      assertThat(apiPos).isNotEmpty().isEqualTo(venuePos);
      assertThat(venues.get("mode").asText()).isEqualTo("live");
      assertThat(venues.at("/venues/0/venue_id").asText()).isEqualTo("fake-binance");
      assertThat(venues.at("/venues/0/reachable").asBoolean()).isTrue();
      assertThat(venues.at("/venues/0/last_reconciliation/reachable").asBoolean()).isTrue();
      JsonNode risk = awaitData(port, "/api/v1/risk/status", 5_000);
      assertThat(risk.get("dry_run").asBoolean()).isFalse();
    }
  }

  /**
   * True when {@code orders} has a FILLED order of that kind ({@code reduceOnly}, {@code entry}).
   */
  private static boolean filled(JsonNode orders, String kind, String tifOrType) {
    for (JsonNode o : orders) {
      boolean reduce = o.get("reduceOnly").asBoolean();
      boolean kindOk = kind.equals("any") || (kind.equals("reduceOnly") == reduce);
      boolean typeOk =
          tifOrType.equals("MARKET")
              ? o.get("type").asText().equals("MARKET")
              : o.get("timeInForce").asText().equals(tifOrType);
      if (kindOk && typeOk && o.get("status").asText().equals("FILLED")) {
        return true;
      }
    }
    return false;
  }

  /** Symbol → signed quantity of an API positions list. */
  private static Map<String, Double> signed(JsonNode positions) {
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode q : positions) {
      double c = q.get("contracts").asDouble();
      out.put(q.get("symbol").asText(), q.get("side").asText().equals("short") ? -c : c);
    }
    return out;
  }

  private JsonNode awaitPositions(int port) throws Exception {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      JsonNode d = awaitData(port, "/api/v1/account/positions", 30_000);
      if (d.get("total_positions").asInt() > 0) {
        return d;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no positions within 30 s");
  }
}
