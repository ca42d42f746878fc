package io.perpetua.server;

import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.readmodel.Heartbeat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heartbeat staleness, overall status and uptime of {@code /api/v1/health}. */
class HealthTest {
  private static final long NOW = Fixtures.NOW;

  private static InMemoryPlatformState state(Heartbeat... heartbeats) {
    InMemoryPlatformState state = new InMemoryPlatformState();
    for (Heartbeat h : heartbeats) {
      state.putHeartbeat(h);
    }
    return state;
  }

  private static Heartbeat beat(String service, String status, long lastMs, long startedMs) {
    return new Heartbeat(service, status, lastMs, startedMs, Map.of());
  }

  @Test
  void heartbeatOlderThanDefaultStaleness_isDown_andUptimeStopsAtLastHeartbeat() {
    InMemoryPlatformState state =
        state(
            beat("fresh", "healthy", NOW - 120_000, NOW - 3_600_000),
            beat("stale", "healthy", NOW - 120_001, NOW - 3_600_000));
    try (TestServer api = TestServer.start(state, TestServer.localConfig())) {
      JsonNode data = successData(api.getAnonymous("/api/v1/health"));
      JsonNode fresh = data.get("services").get(0);
      JsonNode stale = data.get("services").get(1);
      assertThat(fresh.get("status").asText()).isEqualTo("healthy");
      assertThat(fresh.get("uptime_seconds").asLong()).isEqualTo(3600);
      assertThat(stale.get("status").asText()).isEqualTo("down");
      assertThat(stale.get("uptime_seconds").asLong()).isEqualTo(3600 - 121);
      assertThat(data.get("overall_status").asText()).isEqualTo("down");
    }
  }

  @Test
  void stalenessFollowsTheInjectedClock() {
    InMemoryPlatformState state = state(beat("svc", "healthy", NOW - 10_000, NOW - 60_000));
    try (TestServer api = TestServer.start(state, TestServer.localConfig())) {
      assertThat(successData(api.getAnonymous("/api/v1/health")).get("overall_status").asText())
          .isEqualTo("healthy");
      api.clock.set(NOW + 111_000); // heartbeat now 121 s old
      JsonNode data = successData(api.getAnonymous("/api/v1/health"));
      assertThat(data.get("overall_status").asText()).isEqualTo("down");
      assertThat(data.get("checked_at").asText()).isEqualTo("2026-03-03T00:00:51Z");
    }
  }

  @Test
  void stalenessIsConfigurable() {
    InMemoryPlatformState state = state(beat("svc", "healthy", NOW - 10_000, NOW - 60_000));
    ServerConfig config = TestServer.localConfig().withHeartbeatStaleness(Duration.ofSeconds(5));
    try (TestServer api = TestServer.start(state, config)) {
      assertThat(successData(api.getAnonymous("/api/v1/health")).get("overall_status").asText())
          .isEqualTo("down");
    }
  }

  @Test
  void overallIsTheWorstService_andUnknownStatusesCountAsDegraded() {
    InMemoryPlatformState state =
        state(
            beat("a", "healthy", NOW, NOW - 1000),
            beat("b", "starting", NOW, NOW - 1000),
            beat("c", "HEALTHY", NOW, NOW - 1000));
    try (TestServer api = TestServer.start(state, TestServer.localConfig())) {
      JsonNode data = successData(api.getAnonymous("/api/v1/health"));
      assertThat(data.get("overall_status").asText()).isEqualTo("degraded");
      assertThat(data.get("services").get(1).get("status").asText()).isEqualTo("degraded");
      assertThat(data.get("services").get(2).get("status").asText()).isEqualTo("healthy");
    }
  }

  @Test
  void allHealthy_isHealthy() {
    InMemoryPlatformState state =
        state(beat("a", "healthy", NOW, NOW - 1000), beat("b", "healthy", NOW - 5000, NOW + 5000));
    try (TestServer api = TestServer.start(state, TestServer.localConfig())) {
      JsonNode data = successData(api.getAnonymous("/api/v1/health"));
      assertThat(data.get("overall_status").asText()).isEqualTo("healthy");
      // Started "after" now by clock skew: uptime never negative.
      assertThat(data.get("services").get(1).get("uptime_seconds").asLong()).isZero();
    }
  }
}
