package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.flow.InMemoryFlowStateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order-flow engine inside the running platform on the real tick sample: stopped while a paper
 * position is open, restarted on the same database, it finishes the replay with exactly the trades,
 * evaluations and labels of an uninterrupted run — visible through the API.
 */
class FlowPlatformTest {
  private static final String TOKEN = "flow-e2e-token-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;

  private JsonNode get(int port, String path) throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TOKEN);
    return json.readTree(http.send(req.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Polls {@code path} until its data satisfies {@code done}. */
  private JsonNode await(int port, String path, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long end = System.currentTimeMillis() + 90_000;
    JsonNode last = null;
    while (System.currentTimeMillis() < end) {
      last = get(port, path);
      if (last.get("code").asInt() == 0 && done.test(last.get("data"))) {
        return last.get("data");
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out on " + path + ": " + last);
  }

  private Platform start(PerpetuaConfig config, double speed) throws Exception {
    return Platform.start(
        config,
        dataDir,
        SharedData.root(),
        Map.of("PERPETUA_API_TOKEN", TOKEN),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        speed);
  }

  @Test
  void realTickSample_storedThroughTheApi_andARestartMidPositionContinuesExactly()
      throws Exception {
    Path file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0"));
    var reference =
        new FlowService(
            FlowEngineSettings.paper("reference").withDefaultWarmupMs(75 * 60_000L),
            Set.of(InstrumentId.fromVenueSymbol("BTCUSDT")),
            new InMemoryFlowJournal(),
            new InMemoryFlowStateStore(),
            () -> 0L);
    reference.create(FlowRuntime.demo("BTCUSDT"));
    var ticks = TradeFileReader.readAggTrades(file);
    ticks.forEach(reference::onTick);
    List<ClosedFlowTrade> want = reference.journal().closedTrades(null, null);
    assertThat(want).as("the sample trades").isNotEmpty();

    List<String> openAtStop;
    try (Platform p = start(config, 300)) {
      JsonNode positions =
          await(p.port(), "/api/v1/flow/paper/positions", d -> d.get("items").size() > 0);
      openAtStop = positions.get("items").findValuesAsText("position_id");
      var published = p.eventBus().range(TickPublisher.TOPIC, "0", 1);
      assertThat(published).as("ticks on the bus").isNotEmpty();
      assertThat(published.get(0).payload())
          .contains("\"type\":\"agg_trade\"")
          .contains("\"instrument\":\"BTC/USDT:USDT\"");
    } // stopped with an open position (and pending labels, a cooldown)
    assertThat(openAtStop).isNotEmpty();

    try (Platform p = start(config, 36_000)) {
      int port = p.port();
      JsonNode trades =
          await(
              port,
              "/api/v1/flow/paper/trades?page_size=500",
              d -> d.get("pagination").get("total_items").asInt() >= want.size());
      List<String> got = new ArrayList<>();
      trades.get("items").forEach(t -> got.add(0, t.get("trade_id").asText()));
      assertThat(got).isEqualTo(want.stream().map(ClosedFlowTrade::id).toList());
      assertThat(got).containsAll(openAtStop.stream().filter(got::contains).toList());
      JsonNode first = trades.get("items").get(trades.get("items").size() - 1);
      assertThat(first.get("pnl_r").asDouble())
          .isCloseTo(want.get(0).pnlR(), org.assertj.core.data.Offset.offset(1e-6));
      var counts = reference.journal().counts();
      JsonNode summary =
          await(
              port,
              "/api/v1/flow/paper/summary",
              d -> d.get("evaluations").asLong() >= counts.evaluations());
      assertThat(summary.get("evaluations").asLong()).isEqualTo(counts.evaluations());
      assertThat(summary.get("labels").asLong()).isEqualTo(counts.labels());
      long resumed = summary.get("ticks_processed").asLong();
      assertThat(resumed)
          .as("resumed from the snapshot, not replayed")
          .isBetween(1L, ticks.size() - 1L);
      JsonNode latest = get(port, "/api/v1/flow/signals/latest").get("data");
      assertThat(latest.get("items").get(0).get("factors").size()).isPositive();
      JsonNode stats = get(port, "/api/v1/flow/paper/statistics").get("data");
      assertThat(stats.get("trades").asInt()).isEqualTo(want.size());
    }
  }
}
