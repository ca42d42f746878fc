package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.StrategyId;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.venue.binance.fake.FakeExchange;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./perpetua run --venue fake-binance} with maker-first on runs the order-flow strategies on
 * the trading kernel against the flow's own fake Binance account: the demo strategy's bracket
 * orders on the real tick sample pass the kernel's risk engine, go out through the Binance adapter
 * as signed orders (post-only entries with their market fallback; reduce-only post-only TP limits
 * resting from the entry's end, reduce-only market closes), fill there as the replayed ticks move
 * its book, come back over the user-data stream into the kernel, and the API's live positions (the
 * kernel's records) are the fake account's — whenever the kernel has booked exactly the venue's
 * trades, and flat at the end — while baseline_rev trades on the bar kernel's fake.
 */
class FlowLivePlatformTest {
  private static final String TOKEN = "flow-live-e2e-token-0123456789";
  private static final StrategyId DEMO = StrategyId.of("factory-1");

  @TempDir Path dataDir;

  private JsonNode get(int port, String path) throws Exception {
    return new TestApi(port, TOKEN).get(path);
  }

  private JsonNode data(int port, String path) throws Exception {
    return new TestApi(port, TOKEN).data(path);
  }

  private JsonNode await(int port, String path, Predicate<JsonNode> done) throws Exception {
    return new TestApi(port, TOKEN).await(path, done, 120_000);
  }

  /** The flow account was reconciled with its venue at start-up, like the kernel's. */
  private void checkFlowAccountReconciled(int port) throws Exception {
    JsonNode flowVenue = null;
    for (JsonNode v : data(port, "/api/v1/venues").get("venues")) {
      if (v.get("venue_id").asText().equals("flow-fake-binance")) {
        flowVenue = v;
      }
    }
    assertThat(flowVenue).isNotNull();
    assertThat(flowVenue.path("last_reconciliation").isObject())
        .as("a start-up reconciliation ran on the flow account: %s", flowVenue)
        .isTrue();
  }

  @Test
  void fakeBinanceRun_flowDecisionsTradeTheFlowAccount_andTheApiShowsItsPositions()
      throws Exception {
    Path file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    var ticks = TradeFileReader.readAggTrades(file);
    List<ClosedFlowTrade> paper =
        TestPlatforms.paperReference(ticks).journal().closedTrades(null, null);
    assertThat(paper).as("the sample trades").hasSizeGreaterThanOrEqualTo(3);

    PerpetuaConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "PERPETUA_PORT", "0",
                "PERPETUA_VENUE_TYPE", "fake-binance",
                "PERPETUA_VENUE_MAKER_FIRST", "true",
                "PERPETUA_VENUE_ENTRY_TIMEOUT_MS", "1000",
                "PERPETUA_VENUE_TP_TIMEOUT_MS", "500",
                "PERPETUA_VENUE_TIMEOUT_GRACE_MS", "500"));
    try (Platform p = TestPlatforms.start(config, dataDir, TOKEN, 300)) {
      int port = p.port();
      await(port, "/api/v1/flow/paper/summary", d -> true);
      JsonNode summary = await(port, "/api/v1/flow/live/summary", d -> true);
      checkFlowAccountReconciled(port);
      FakeExchange fake = p.flow().live().connection.fake.exchange();

      // while the replay runs: whenever the executor has booked exactly the venue's trades, the
      // API's position is the venue's
      int[] samples = sampleWhileReplaying(port, fake, ticks.size());
      assertThat(samples[0]).as("stable samples").isPositive();

      // every paper trade closed: the live side ends flat, on the venue and in the API
      long end = System.currentTimeMillis() + 60_000;
      do {
        Thread.sleep(20);
        summary = data(port, "/api/v1/flow/live/summary");
      } while ((summary.get("working").asLong() > 0 || livePosition(port) != 0)
          && System.currentTimeMillis() < end);
      assertThat(summary.get("working").asLong()).isZero();
      assertThat(fakePosition(fake)).isEqualByComparingTo("0");
      JsonNode positions = data(port, "/api/v1/flow/live/positions").get("items");
      assertThat(positions).hasSize(1);
      assertThat(positions.get(0).get("quantity").asDouble()).isZero();
      assertThat(positions.get(0).get("strategy_id").asText()).isEqualTo(DEMO.value());

      List<String> trades =
          data(port, "/api/v1/flow/paper/trades?page_size=500")
              .get("items")
              .findValuesAsText("trade_id");
      assertThat(trades).as("the live kernel's own closed trades").isNotEmpty();
      List<List<JsonNode>> legs = checkOrders(port, fake, trades);
      List<JsonNode> entries = legs.get(0);
      List<JsonNode> exits = legs.get(1);
      // fills came back over the user stream: the API's fill count is the venue's trade count
      int venueTrades = fake.userTrades("BTCUSDT", null).size();
      assertThat(positions.get(0).get("fills").asInt()).isEqualTo(venueTrades);
      long makerTrades = 0;
      for (JsonNode t : fake.userTrades("BTCUSDT", null)) {
        makerTrades += t.get("maker").asBoolean() ? 1 : 0;
      }
      assertThat(makerTrades).as("post-only orders filled as maker").isPositive();
      long fallbacks = summary.at("/maker_first/fallbacks").asLong();
      long refusedAsTaker = 0; // post-only orders refused with -5022: Binance records nothing
      String held = fake.allOrders().toString();
      for (JsonNode o : data(port, "/api/v1/flow/live/orders?page_size=500").get("items")) {
        boolean sent = !o.get("status").asText().equals("skipped");
        if (sent
            && o.get("post_only").asBoolean()
            && !held.contains(o.get("client_order_id").asText())) {
          refusedAsTaker++;
        }
      }
      assertThat(fake.orderCount())
          .as("one venue order per order sent, plus the maker-first fallbacks")
          .isEqualTo(summary.get("orders_sent").asLong() + fallbacks - refusedAsTaker);
      assertThat(summary.get("maker_share").asDouble()).isPositive();
      assertThat(summary.get("risk_rejected").asLong()).isZero();
      assertThat(summary.get("venue_rejected").asLong())
          .as("venue rejections: only post-only limits the price had already reached")
          .isEqualTo(legs.get(2).size());
      assertThat(summary.get("mismatched_probes").asLong()).isZero();
      assertThat(summary.get("exits_given_up").asLong()).isZero();
      JsonNode x = summary.get("exits");
      assertThat(x.get("maker_exits").asBoolean()).isTrue();
      checkTpLegs(entries, exits, x);
      report(paper, summary, entries, exits, venueTrades, makerTrades, samples);

      // and baseline_rev trades on the kernel's own fake venue beside it
      JsonNode kernelOrders = await(port, "/api/v1/orders/history", d -> d.get("items").size() > 0);
      assertThat(kernelOrders.get("items").findValuesAsText("dry_run")).containsOnly("false");
    }
  }

  private static void report(
      List<ClosedFlowTrade> paper,
      JsonNode summary,
      List<JsonNode> entries,
      List<JsonNode> exits,
      int venueTrades,
      long makerTrades,
      int[] samples) {
    JsonNode x = summary.get("exits");
    System.out.printf(
        "flow live e2e: %d paper trades %s, %d orders sent (%d entries, %d exits: %d TP"
            + " limits, %d timeout limits, %d markets), %d venue trades (%d maker), maker share"
            + " %.3f, entry maker share %.3f, fallbacks %d; TP tranches %d (maker %d, fallback"
            + " %d), TP maker share %.3f, TP overshoot %.3f, TP limits not placed %d, exit maker"
            + " share %.3f, stops %d, flips %d, timeout fallbacks %d; venue rejections %d;"
            + " slippage %.2f bps, fees"
            + " %.2f, realised %.2f, stable samples %d (%d open)%n",
        paper.size(),
        paper.stream().map(t -> t.status().code()).toList(),
        summary.get("orders_sent").asLong(),
        entries.size(),
        exits.size(),
        exits.stream().filter(o -> isTpLimit(o)).count(),
        exits.stream().filter(o -> o.get("leg").asText().equals("timeout")).count(),
        exits.stream().filter(o -> o.get("type").asText().equals("market")).count(),
        venueTrades,
        makerTrades,
        summary.get("maker_share").asDouble(),
        summary.get("entry_maker_share").asDouble(),
        summary.at("/maker_first/fallbacks").asLong(),
        x.get("tp_tranches").asLong(),
        x.get("tp_maker_tranches").asLong(),
        x.get("tp_fallbacks").asLong(),
        x.get("tp_maker_share").asDouble(),
        x.get("tp_overshoot_rate").asDouble(),
        x.get("tp_limits_not_placed").asLong(),
        x.get("exit_maker_share").asDouble(),
        x.get("stop_closes").asLong(),
        x.get("flip_closes").asLong(),
        x.get("timeout_fallbacks").asLong(),
        summary.get("venue_rejected").asLong(),
        summary.get("slippage_bps").asDouble(),
        summary.get("fees").asDouble(),
        summary.get("realized_pnl").asDouble(),
        samples[0],
        samples[1]);
  }

  /**
   * Samples the API's live position and the venue's until the replay ends; a sample counts when the
   * venue's trade count did not move while its position was read and the API had booked exactly
   * that many fills before and after (resting TP limits may fill at any moment, so "nothing in
   * flight" no longer happens while a position is open) — then both must agree. Returns {stable
   * samples, of which with a position open}.
   */
  private int[] sampleWhileReplaying(int port, FakeExchange fake, int ticks) throws Exception {
    int stableSamples = 0;
    int stableOpen = 0;
    while (data(port, "/api/v1/flow/paper/summary").get("ticks_processed").asLong() < ticks) {
      double[] before = liveBook(port);
      int tradesBefore = fake.userTrades("BTCUSDT", null).size();
      BigDecimal venue = fakePosition(fake);
      int tradesAfter = fake.userTrades("BTCUSDT", null).size();
      double[] after = liveBook(port);
      double apiBefore = before[0];
      boolean stable =
          tradesBefore == tradesAfter
              && before[1] == tradesBefore
              && after[1] == tradesBefore
              && before[0] == after[0];
      if (stable) {
        stableSamples++;
        stableOpen += apiBefore != 0 ? 1 : 0;
        assertThat(venue.doubleValue()).as("venue position").isEqualTo(apiBefore);
      }
      Thread.sleep(5);
    }
    return new int[] {stableSamples, stableOpen};
  }

  /**
   * Every closed trade has its entry under its derived id: the post-only limit ({@code entry}, GTX
   * at the venue unless refused as taker) and, when it did not fill, its market fallback ({@code
   * entry-mkt}); exits reduce-only: TP/timeout limits that rested post-only ({@code GTX}) and ended
   * filled or cancelled (or were refused as they would have taken), markets filled; what the API
   * says was filled is what the venue executed. Returns {entries, exits, post-only orders refused
   * by the venue as takers}.
   */
  private List<List<JsonNode>> checkOrders(int port, FakeExchange fake, List<String> trades)
      throws Exception {
    JsonNode orders = data(port, "/api/v1/flow/live/orders?page_size=500").get("items");
    List<JsonNode> entries = new ArrayList<>();
    List<JsonNode> exits = new ArrayList<>();
    orders.forEach(o -> (o.get("leg").asText().equals("entry") ? entries : exits).add(o));
    Set<String> entered = new java.util.HashSet<>();
    List<JsonNode> refused = new ArrayList<>();
    for (JsonNode e : entries) {
      String position = e.get("position_id").asText();
      entered.add(position);
      boolean limit = e.get("post_only").asBoolean();
      assertThat(e.get("client_order_id").asText())
          .isEqualTo(ClientOrderIds.derive(DEMO, position, limit ? "entry" : "entry-mkt").value());
      assertThat(e.get("reduce_only").asBoolean()).isFalse();
      if (refusedAsTaker(fake, e)) {
        refused.add(e); // Binance refuses a post-only order that would take (-5022)
        continue;
      }
      JsonNode atVenue = venueOrder(fake, e.get("client_order_id").asText());
      assertThat(atVenue.get("type").asText()).isEqualTo(limit ? "LIMIT" : "MARKET");
      if (limit) {
        assertThat(atVenue.get("timeInForce").asText()).isEqualTo("GTX");
      }
    }
    assertThat(entered).as("every closed trade was entered").containsAll(trades);
    // exits: reduce-only; what the API says was filled is what the venue executed
    assertThat(exits).isNotEmpty();
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode x : exits) {
      String id = x.get("client_order_id").asText();
      assertThat(ids.add(id)).as("no exit id twice").isTrue();
      assertThat(x.get("reduce_only").asBoolean()).as(x.toString()).isTrue();
      if (refusedAsTaker(fake, x)) {
        assertThat(x.get("leg").asText()).isIn("tp1", "tp2", "timeout");
        refused.add(x);
        continue;
      }
      JsonNode atVenue = venueOrder(fake, id);
      assertThat(atVenue.get("reduceOnly").asBoolean()).isTrue();
      assertThat(new BigDecimal(atVenue.get("executedQty").asText()).doubleValue())
          .as(x.toString())
          .isEqualTo(x.get("filled_quantity").asDouble());
      if (x.get("post_only").asBoolean()) {
        assertThat(x.get("leg").asText()).isIn("tp1", "tp2", "timeout");
        assertThat(atVenue.get("type").asText()).isEqualTo("LIMIT");
        assertThat(atVenue.get("timeInForce").asText()).isEqualTo("GTX");
        assertThat(new BigDecimal(atVenue.get("price").asText()).doubleValue())
            .isEqualTo(x.get("limit_price").asDouble());
        assertThat(x.get("status").asText()).isIn("filled", "cancelled");
      } else {
        assertThat(atVenue.get("type").asText()).isEqualTo("MARKET");
        assertThat(x.get("status").asText()).isEqualTo("filled");
      }
    }
    return List.of(entries, exits, refused);
  }

  /**
   * Every position whose TP limits rested split its entered quantity (all entry fills) into TP1 and
   * TP2; the summary's TP KPIs are the orders'.
   */
  private static void checkTpLegs(List<JsonNode> entries, List<JsonNode> exits, JsonNode kpis) {
    long tpLimits = exits.stream().filter(o -> isTpLimit(o)).count();
    assertThat(tpLimits).as("TP limits rested at the venue").isPositive();
    assertThat(kpis.get("tp_limits").asLong()).isEqualTo(tpLimits);
    double tpQty = 0;
    double tpMaker = 0;
    for (JsonNode e : entries) {
      String position = e.get("position_id").asText();
      List<JsonNode> tps =
          exits.stream()
              .filter(o -> isTpLimit(o) && o.get("position_id").asText().equals(position))
              .toList();
      if (tps.isEmpty()) {
        continue;
      }
      assertThat(tps)
          .extracting(o -> o.get("leg").asText())
          .containsExactlyInAnyOrder("tp1", "tp2");
      BigDecimal filled = BigDecimal.ZERO;
      for (JsonNode other : entries) {
        if (other.get("position_id").asText().equals(position)) {
          filled = filled.add(BigDecimal.valueOf(other.get("filled_quantity").asDouble()));
        }
      }
      BigDecimal split = BigDecimal.ZERO;
      for (JsonNode tp : tps) {
        split = split.add(BigDecimal.valueOf(tp.get("quantity").asDouble()));
      }
      assertThat(split).as(tps.toString()).isEqualByComparingTo(filled);
    }
    for (JsonNode o : exits) {
      if (o.get("leg").asText().startsWith("tp")) {
        tpQty += o.get("filled_quantity").asDouble();
        tpMaker += o.get("maker_quantity").asDouble();
      }
    }
    if (tpQty > 0) {
      assertThat(kpis.get("tp_maker_share").asDouble()).isCloseTo(tpMaker / tpQty, within(1e-6));
    }
    assertThat(kpis.get("tp_tranches").asLong())
        .isEqualTo(kpis.get("tp_maker_tranches").asLong() + kpis.get("tp_fallbacks").asLong());
  }

  private static boolean isTpLimit(JsonNode order) {
    return order.get("post_only").asBoolean()
        && !order.get("status").asText().equals("skipped")
        && (order.get("leg").asText().equals("tp1") || order.get("leg").asText().equals("tp2"));
  }

  private static ClosedFlowTrade trade(List<ClosedFlowTrade> paper, String position) {
    return paper.stream().filter(x -> x.id().equals(position)).findFirst().orElseThrow();
  }

  /** {the API's live BTCUSDT position, its fills}. */
  private double[] liveBook(int port) throws Exception {
    JsonNode items = data(port, "/api/v1/flow/live/positions").get("items");
    double qty = 0;
    double fills = 0;
    for (JsonNode p : items) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        qty += p.get("quantity").asDouble();
        fills += p.get("fills").asInt();
      }
    }
    return new double[] {qty, fills};
  }

  private double livePosition(int port) throws Exception {
    JsonNode items = data(port, "/api/v1/flow/live/positions").get("items");
    double sum = 0;
    for (JsonNode p : items) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        sum += p.get("quantity").asDouble();
      }
    }
    return sum;
  }

  private static BigDecimal fakePosition(FakeExchange fake) {
    for (JsonNode p : fake.positionRisk()) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        return new BigDecimal(p.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  /**
   * True for a post-only order the venue refused because it would have taken: the API says rejected
   * (post-only) and the venue holds no such order (Binance records nothing on -5022).
   */
  private static boolean refusedAsTaker(FakeExchange fake, JsonNode order) {
    if (!order.get("post_only").asBoolean() || !order.get("status").asText().equals("rejected")) {
      return false;
    }
    assertThat(order.get("reason").asText()).contains("post-only");
    String id = order.get("client_order_id").asText();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> venueOrder(fake, id))
        .hasMessageContaining("Order does not exist");
    return true;
  }

  private static JsonNode venueOrder(FakeExchange fake, String clientOrderId) {
    return fake.queryOrder(Map.of("symbol", "BTCUSDT", "origClientOrderId", clientOrderId));
  }
}
