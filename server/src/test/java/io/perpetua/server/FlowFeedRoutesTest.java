package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.server.v1.flow.FlowFeedRoutes;
import io.perpetua.server.v1.flow.FlowFeedRoutes.FlowFeedStatus;
import io.perpetua.server.v1.flow.FlowFeedRoutes.FlowFeedStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/flow/feed}: 503 while the live feed starts, then its counters in snake_case
 * matching the OpenAPI schema (the example too); 404 (40401) when the engine replays the tick file.
 */
class FlowFeedRoutesTest {
  @Test
  void theFeedsCounters_503WhileStarting_404WhenReplaying() {
    AtomicReference<FlowFeedStatus> status = new AtomicReference<>();
    try (TestServer api = TestServer.start(new FlowFeedRoutes(status::get, true))) {
      assertThat(api.get("/api/v1/flow/feed").status()).isEqualTo(503);
      status.set(
          new FlowFeedStatus(
              2,
              61,
              0,
              4,
              1,
              0,
              0,
              3,
              List.of(
                  new FlowFeedStream("BTCUSDT@aggTrade", 61, 120, false),
                  new FlowFeedStream("BTCUSDT@markPrice", 40, 31_000, true))));
      TestServer.Response r = api.get("/api/v1/flow/feed");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.data().get("reconnects").asLong()).isEqualTo(2);
      assertThat(r.data().get("trades_delivered").asLong()).isEqualTo(61);
      assertThat(r.data().get("gaps_filled").asLong()).isEqualTo(4);
      assertThat(r.data().get("late_trades").asLong()).isEqualTo(1);
      assertThat(r.data().get("refused").asLong()).isEqualTo(3);
      assertThat(r.data().at("/streams/1/stream").asText()).isEqualTo("BTCUSDT@markPrice");
      assertThat(r.data().at("/streams/1/last_message_age_ms").asLong()).isEqualTo(31_000);
      assertThat(r.data().at("/streams/1/silent").asBoolean()).isTrue();
      assertThat(OpenApiChecks.everyRoute(api, p -> p.equals("/api/v1/flow/feed"))).isEqualTo(1);
    }
    try (TestServer api = TestServer.start(new FlowFeedRoutes(status::get, false))) {
      TestServer.Response r = api.get("/api/v1/flow/feed");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.code()).isEqualTo(40401);
      assertThat(r.message()).contains("replays the tick file");
    }
  }
}
