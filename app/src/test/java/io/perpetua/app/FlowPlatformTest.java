package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order-flow engine inside the running platform on the real tick sample: stopped while a paper
 * position is open, restarted on the same database, it finishes the replay with exactly the trades,
 * evaluations and labels of an uninterrupted run — visible through the API.
 */
class FlowPlatformTest {
  private static final String TOKEN = "flow-e2e-token-0123456789";

  @TempDir Path dataDir;

  private JsonNode get(int port, String path) throws Exception {
    return new TestApi(port, TOKEN).get(path);
  }

  private JsonNode await(int port, String path, Predicate<JsonNode> done) throws Exception {
    return new TestApi(port, TOKEN).await(path, done, 90_000);
  }

  private Platform start(PerpetuaConfig config, double speed) throws Exception {
    return TestPlatforms.start(config, dataDir, TOKEN, speed);
  }

  @Test
  void realTickSample_storedThroughTheApi_andARestartMidPositionContinuesExactly()
      throws Exception {
    Path file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0"));
    var ticks = TradeFileReader.readAggTrades(file);
    FlowService reference = TestPlatforms.paperReference(ticks);
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
