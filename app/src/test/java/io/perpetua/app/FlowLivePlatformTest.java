package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.flow.InMemoryFlowStateStore;
import io.perpetua.venue.binance.fake.FakeExchange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./perpetua run --venue fake-binance} with maker-first on runs the whole loop for the
 * order-flow engine too: the demo strategy's decisions on the real tick sample pass the risk guard,
 * go out as signed orders to the flow's own fake Binance account (post-only entries, reduce-only
 * exits), fill there as the replayed ticks move its book, come back over the user-data stream, and
 * the API's live positions are the fake account's — at every stable moment and flat at the end —
 * while baseline_rev trades on the kernel's fake.
 */
class FlowLivePlatformTest {
  private static final String TOKEN = "flow-live-e2e-token-0123456789";
  private static final StrategyId DEMO = StrategyId.of("factory-1");
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

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

  @Test
  void fakeBinanceRun_flowDecisionsTradeTheFlowAccount_andTheApiShowsItsPositions()
      throws Exception {
    Path file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    var reference =
        new FlowService(
            FlowEngineSettings.paper("reference").withDefaultWarmupMs(75 * 60_000L),
            Set.of(BTC),
            new InMemoryFlowJournal(),
            new InMemoryFlowStateStore(),
            () -> 0L);
    reference.create(FlowRuntime.demo("BTCUSDT"));
    var ticks = TradeFileReader.readAggTrades(file);
    ticks.forEach(reference::onTick);
    List<ClosedFlowTrade> paper = reference.journal().closedTrades(null, null);
    assertThat(paper).as("the sample trades").hasSizeGreaterThanOrEqualTo(3);

    PerpetuaConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "PERPETUA_PORT", "0",
                "PERPETUA_VENUE_TYPE", "fake-binance",
                "PERPETUA_VENUE_MAKER_FIRST", "true",
                "PERPETUA_VENUE_ENTRY_TIMEOUT_MS", "1000"));
    try (Platform p =
        Platform.start(
            config,
            dataDir,
            SharedData.root(),
            Map.of("PERPETUA_API_TOKEN", TOKEN),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            300)) {
      int port = p.port();
      await(port, "/api/v1/flow/paper/summary", d -> true);
      JsonNode summary = await(port, "/api/v1/flow/live/summary", d -> true);
      FakeExchange fake = p.flow().live().connection.fake.exchange();

      // while the replay runs: whenever nothing is in flight, the API's position is the venue's
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

      List<List<JsonNode>> legs = checkOrders(port, fake, paper);
      List<JsonNode> entries = legs.get(0);
      List<JsonNode> exits = legs.get(1);
      // fills came back over the user stream: the API's fill count is the venue's trade count
      int venueTrades = fake.userTrades("BTCUSDT", null).size();
      assertThat(positions.get(0).get("fills").asInt()).isEqualTo(venueTrades);
      long makerTrades = 0;
      for (JsonNode t : fake.userTrades("BTCUSDT", null)) {
        makerTrades += t.get("maker").asBoolean() ? 1 : 0;
      }
      assertThat(makerTrades).as("post-only entries filled as maker").isPositive();
      long fallbacks = summary.at("/maker_first/fallbacks").asLong();
      assertThat(fake.orderCount())
          .as("one venue order per order sent, plus the maker-first fallbacks")
          .isEqualTo(summary.get("orders_sent").asLong() + fallbacks);
      assertThat(summary.get("maker_share").asDouble()).isPositive();
      assertThat(summary.get("risk_rejected").asLong()).isZero();
      assertThat(summary.get("venue_rejected").asLong()).isZero();
      assertThat(summary.get("mismatched_probes").asLong()).isZero();
      assertThat(summary.get("probes").asLong()).isPositive();
      System.out.printf(
          "flow live e2e: %d paper trades, %d orders sent (%d entries, %d exits), %d venue"
              + " trades (%d maker), maker share %.3f, entry maker share %.3f, fallbacks %d,"
              + " slippage %.2f bps, fees %.2f, realised %.2f, stable samples %d (%d open)%n",
          paper.size(),
          summary.get("orders_sent").asLong(),
          entries.size(),
          exits.size(),
          venueTrades,
          makerTrades,
          summary.get("maker_share").asDouble(),
          summary.get("entry_maker_share").asDouble(),
          fallbacks,
          summary.get("slippage_bps").asDouble(),
          summary.get("fees").asDouble(),
          summary.get("realized_pnl").asDouble(),
          samples[0],
          samples[1]);

      // and baseline_rev trades on the kernel's own fake venue beside it
      JsonNode kernelOrders = await(port, "/api/v1/orders/history", d -> d.get("items").size() > 0);
      assertThat(kernelOrders.get("items").findValuesAsText("dry_run")).containsOnly("false");
    }
  }

  /**
   * Samples the API's live position and the venue's until the replay ends; a sample counts when no
   * order was in flight before and after it (then no fill can have happened in between) and must
   * then agree. Returns {stable samples, of which with a position open}.
   */
  private int[] sampleWhileReplaying(int port, FakeExchange fake, int ticks) throws Exception {
    int stableSamples = 0;
    int stableOpen = 0;
    while (data(port, "/api/v1/flow/paper/summary").get("ticks_processed").asLong() < ticks) {
      JsonNode before = data(port, "/api/v1/flow/live/summary");
      double apiBefore = livePosition(port);
      BigDecimal venue = fakePosition(fake);
      double apiAfter = livePosition(port);
      JsonNode after = data(port, "/api/v1/flow/live/summary");
      boolean stable =
          before.get("working").asLong() == 0
              && after.get("working").asLong() == 0
              && before.get("orders_sent").asLong() == after.get("orders_sent").asLong()
              && apiBefore == apiAfter;
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
   * One post-only entry per paper position under its derived id at the paper entry price; exits
   * reduce-only markets whose filled quantity is what the venue executed. Returns {entries, exits}.
   */
  private List<List<JsonNode>> checkOrders(int port, FakeExchange fake, List<ClosedFlowTrade> paper)
      throws Exception {
    JsonNode orders = data(port, "/api/v1/flow/live/orders?page_size=500").get("items");
    List<JsonNode> entries = new ArrayList<>();
    List<JsonNode> exits = new ArrayList<>();
    orders.forEach(o -> (o.get("leg").asText().equals("entry") ? entries : exits).add(o));
    // one entry per paper position, post-only under the derived id, at the paper entry price
    assertThat(entries).hasSize(paper.size());
    for (JsonNode e : entries) {
      String position = e.get("position_id").asText();
      ClosedFlowTrade t =
          paper.stream().filter(x -> x.id().equals(position)).findFirst().orElseThrow();
      assertThat(e.get("client_order_id").asText())
          .isEqualTo(ClientOrderIds.derive(DEMO, position, "entry").value());
      assertThat(e.get("post_only").asBoolean()).isTrue();
      assertThat(e.get("reduce_only").asBoolean()).isFalse();
      assertThat(e.get("paper_price").asDouble()).isCloseTo(t.entryPrice(), within(1e-6));
      JsonNode atVenue = venueOrder(fake, e.get("client_order_id").asText());
      assertThat(atVenue.get("type").asText()).isEqualTo("LIMIT");
      assertThat(atVenue.get("timeInForce").asText()).isEqualTo("GTX");
    }
    // exits: reduce-only markets; what the API says was filled is what the venue executed
    assertThat(exits).isNotEmpty();
    for (JsonNode x : exits) {
      assertThat(x.get("reduce_only").asBoolean()).isTrue();
      assertThat(x.get("post_only").asBoolean()).isFalse();
      assertThat(x.get("status").asText()).isEqualTo("filled");
      JsonNode atVenue = venueOrder(fake, x.get("client_order_id").asText());
      assertThat(atVenue.get("type").asText()).isEqualTo("MARKET");
      assertThat(atVenue.get("reduceOnly").asBoolean()).isTrue();
      assertThat(new BigDecimal(atVenue.get("executedQty").asText()).doubleValue())
          .isEqualTo(x.get("filled_quantity").asDouble());
    }
    return List.of(entries, exits);
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

  private static JsonNode venueOrder(FakeExchange fake, String clientOrderId) {
    return fake.queryOrder(Map.of("symbol", "BTCUSDT", "origClientOrderId", clientOrderId));
  }
}
