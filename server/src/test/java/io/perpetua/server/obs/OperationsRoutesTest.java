package io.perpetua.server.obs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsRoutesTest {
  private static final String TOKEN = "ops-test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicBoolean redisUp = new AtomicBoolean(true);
  private final AtomicInteger redisChecks = new AtomicInteger();
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private ApiServer server;
  private int port;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    DependencyHealth health =
        new DependencyHealth(
            List.of(
                DependencyCheck.of("database", () -> true),
                DependencyCheck.of(
                    "redis",
                    () -> {
                      redisChecks.incrementAndGet();
                      return redisUp.get();
                    }),
                new DependencyCheck() {
                  @Override
                  public String name() {
                    return "venue";
                  }

                  @Override
                  public boolean up() throws Exception {
                    throw new java.io.IOException("connection refused");
                  }
                }),
            clock::nowMillis,
            5_000);
    DataFreshness freshness =
        new DataFreshness(new SimpleMeterRegistry(), List.of("BTCUSDT", "ETHUSDT"));
    freshness.record(0, 1_700_000_000_000L);
    server =
        new ApiServer(
                new InMemoryPlatformState(),
                ApiToken.of(TOKEN),
                clock,
                ServerConfig.defaults().withBindHost("127.0.0.1"))
            .addRoutes(
                new OperationsRoutes(
                    new InMemoryPlatformState(), health, () -> freshness, dir, clock));
    port = server.start(0);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void dependencies_openWithoutToken_reportDownOnFailureOrException_cachedFor5s() throws Exception {
    JsonNode d = get("/api/v1/health/dependencies", null);
    assertThat(d.at("/data/overall_status").asText()).isEqualTo("down");
    assertThat(d.at("/data/dependencies/0/status").asText()).isEqualTo("up");
    assertThat(d.at("/data/dependencies/1/status").asText()).isEqualTo("up");
    assertThat(d.at("/data/dependencies/2/name").asText()).isEqualTo("venue");
    assertThat(d.at("/data/dependencies/2/status").asText()).isEqualTo("down");
    assertThat(d.toString()).doesNotContain("connection refused");
    redisUp.set(false);
    get("/api/v1/health/dependencies", null);
    assertThat(redisChecks.get()).isEqualTo(1); // cached
    clock.set(clock.nowMillis() + 5_000);
    JsonNode later = get("/api/v1/health/dependencies", null);
    assertThat(later.at("/data/dependencies/1/status").asText()).isEqualTo("down");
  }

  @Test
  void status_needsToken_andReportsProcessCpuMemoryDiskAndFreshness() throws Exception {
    HttpResponse<String> anonymous = send("/api/v1/system/status", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    JsonNode s = get("/api/v1/system/status", TOKEN).get("data");
    assertThat(s.at("/process/pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(s.at("/cpu/processors").asInt()).isPositive();
    assertThat(s.at("/memory/heap_used_bytes").asLong()).isPositive();
    assertThat(s.at("/disk/usable_bytes").asLong()).isPositive();
    assertThat(s.at("/dependencies").size()).isEqualTo(3);
    assertThat(s.at("/data/symbols").asInt()).isEqualTo(2);
    assertThat(s.at("/data/last_bar/BTCUSDT").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(s.at("/data/last_bar").has("ETHUSDT")).isFalse();
  }

  private JsonNode get(String path, String token) throws Exception {
    return JSON.readTree(send(path, token).body());
  }

  private HttpResponse<String> send(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
