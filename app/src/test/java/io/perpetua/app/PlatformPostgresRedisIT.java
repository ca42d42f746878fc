package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.Services;
import io.perpetua.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The platform configured for PostgreSQL and Redis (a fresh schema, Redis database 15): a rebalance
 * is visible through the API, the journal holds it in PostgreSQL and the state sits under the
 * {@code quant:*} keys in Redis.
 */
class PlatformPostgresRedisIT {
  private static final String TOKEN = "it-token-0123456789abcdef";
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/postgres";

  @TempDir Path dataDir;

  @Test
  void run_onPostgresAndRedis_rebalanceJournaledAndPublished() throws Exception {
    Services.requirePostgres();
    Services.requireRedis();
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = DriverManager.getConnection(PG, "postgres", "")) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
      redis.select(15);
      redis.flushDB();
    }
    try {
      PerpetuaConfig config =
          ConfigLoader.load(
              null,
              Map.of(
                  "PERPETUA_PORT", "0",
                  "PERPETUA_STORE_DATABASE_URL", PG + "?currentSchema=" + schema,
                  "PERPETUA_STORE_DATABASE_USER", "postgres",
                  "PERPETUA_STORE_REDIS_URL", "redis://127.0.0.1:6379/15"));
      try (Platform p =
          Platform.start(
              config,
              dataDir,
              SharedData.root(),
              Map.of("PERPETUA_API_TOKEN", TOKEN),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              36_000)) {
        JsonNode targets = awaitData(p.port(), "/api/v1/portfolio/target-positions");
        assertThat(targets.get("total_long").asInt()).isEqualTo(30);
        awaitFills(schema);
      }
      try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
        redis.select(15);
        assertThat(redis.get("quant:signal:latest")).contains("baseline_rev");
        assertThat(redis.get("quant:account:balance")).contains("total_equity");
        assertThat(redis.keys("quant:heartbeat:*")).contains("quant:heartbeat:signal_service");
        assertThat(redis.xlen("quant:events:kernel")).isPositive();
      }
    } finally {
      try (var c = DriverManager.getConnection(PG, "postgres", "")) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
      try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
        redis.select(15);
        redis.flushDB();
      }
    }
  }

  private static void awaitFills(String schema) throws Exception {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      try (var c = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
          var rs = c.createStatement().executeQuery("SELECT count(*) FROM fills")) {
        rs.next();
        if (rs.getLong(1) >= 60) {
          return;
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("fewer than 60 fills journaled in PostgreSQL within 30 s");
  }

  private static JsonNode awaitData(int port, String path) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    long end = System.currentTimeMillis() + 60_000;
    JsonNode body = null;
    while (System.currentTimeMillis() < end) {
      var res =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      body = json.readTree(res.body());
      if (body.get("code").asInt() == 0) {
        return body.get("data");
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no data at " + path + ": " + body);
  }
}
