package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.time.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Redis goes away during trading and comes back, once with its data and once empty, on a
 * redis-server of the test's own: the kernel keeps trading on the journal throughout, health says
 * {@code degraded} while Redis is away and {@code healthy} again after, and the balance, positions
 * and signal are back in Redis and the API without a restart.
 */
class PlatformRedisOutageTest {
  private static final String TOKEN = "redis-outage-token-0123456789";
  private static final double SPEED = 7_200; // a market day every 12 s

  @TempDir Path tmp;

  @Test
  void redisStoppedAndRestarted_evenEmpty_kernelContinuesAndRepublishes() throws Exception {
    Path dataDir = tmp.resolve("data");
    PlatformProcess.copyImported(dataDir);
    long start = Math.floorDiv(PlatformProcess.dataEndMs(), Times.DAY_MS) * Times.DAY_MS;
    try (RedisServer redis = new RedisServer(tmp.resolve("redis"))) {
      redis.start();
      PerpetuaConfig config =
          ConfigLoader.load(
              null,
              Map.of(
                  "PERPETUA_PORT",
                  "0",
                  "PERPETUA_STORE_REDIS_URL",
                  "redis://127.0.0.1:" + redis.port(),
                  "PERPETUA_PAPER_START",
                  Times.iso(start - 30 * Times.DAY_MS).substring(0, 10),
                  "PERPETUA_FLOW_ENABLED",
                  "false"));
      try (Platform p = TestPlatforms.start(config, dataDir, TOKEN, SPEED)) {
        TestApi api = new TestApi(p.port(), TOKEN);
        api.await("/api/v1/signals/latest", d -> true, 60_000);
        api.await(
            "/api/v1/health", d -> d.get("overall_status").asText().equals("healthy"), 30_000);

        // 1. Redis killed for 5 s, restarted with its data
        outage(p, api, redis);
        redis.start();
        awaitHealth(api, "healthy");
        assertThat(p.kernelFailure()).isNull();

        // 2. Redis killed, restarted empty
        outage(p, api, redis);
        redis.wipe();
        redis.start();
        awaitHealth(api, "healthy");
        try (Jedis jedis = redis.client()) {
          long end = System.currentTimeMillis() + 10_000;
          while (jedis.get("quant:signal:latest") == null && System.currentTimeMillis() < end) {
            Thread.sleep(50);
          }
          assertThat(jedis.get("quant:signal:latest")).as("signal republished").isNotNull();
          assertThat(jedis.get("quant:account:balance")).isNotNull();
          assertThat(jedis.get("quant:account:positions")).isNotNull();
          assertThat(jedis.get("quant:risk:status")).isNotNull();
        }
        assertThat(api.data("/api/v1/signals/latest").get("strategy_name").asText())
            .isEqualTo("baseline_rev");
        assertThat(api.data("/api/v1/account/balance").get("total_equity").asDouble()).isPositive();
        api.data("/api/v1/account/positions");
        Instant before = dataLastRun(api);
        api.await( // the kernel still trades: the data stage runs again
            "/api/v1/health/pipeline",
            d -> Instant.parse(dataStage(d).get("last_run").asText()).isAfter(before),
            30_000);
        assertThat(p.kernelFailure()).isNull();
      }
    }
  }

  /** Kills Redis for 5 s: the kernel goes on, health reports the store degraded, not healthy. */
  private static void outage(Platform p, TestApi api, RedisServer redis) throws Exception {
    Instant before = dataLastRun(api);
    redis.kill();
    Thread.sleep(5_000);
    assertThat(p.kernelFailure()).as("the kernel survives the outage").isNull();
    JsonNode health = awaitHealth(api, "degraded");
    assertThat(service(health, "state_store").get("metrics").get("last_error").asText())
        .contains("Redis unavailable");
    assertThat(service(health, KernelWatch.SERVICE).get("status").asText()).isEqualTo("healthy");
    assertThat(dataLastRun(api)).as("the kernel trades during the outage").isAfter(before);
    assertThat(p.kernelFailure()).isNull();
  }

  private static JsonNode awaitHealth(TestApi api, String overall) throws Exception {
    return api.await(
        "/api/v1/health",
        d ->
            d.get("overall_status").asText().equals(overall)
                && service(d, "state_store") != null
                && service(d, KernelWatch.SERVICE) != null,
        30_000);
  }

  private static JsonNode service(JsonNode health, String name) {
    for (JsonNode s : health.get("services")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** When the data stage last ran (kernel time): it advances with every bar. */
  private static Instant dataLastRun(TestApi api) throws Exception {
    JsonNode pipeline =
        api.await("/api/v1/health/pipeline", d -> dataStage(d).get("last_run").isTextual(), 60_000);
    return Instant.parse(dataStage(pipeline).get("last_run").asText());
  }

  private static JsonNode dataStage(JsonNode pipeline) {
    for (JsonNode s : pipeline.get("stages")) {
      if (s.get("name").asText().equals("data_ingestion")) {
        return s;
      }
    }
    throw new AssertionError("no data_ingestion stage: " + pipeline);
  }
}
