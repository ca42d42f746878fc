package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.Services;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
  private String schema;

  /** A fresh PostgreSQL schema and an empty Redis database 15 per test. */
  @BeforeEach
  void freshStores() throws Exception {
    Services.requirePostgres();
    Services.requireRedis();
    schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = DriverManager.getConnection(PG, "postgres", "")) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    flushRedis();
  }

  @AfterEach
  void dropStores() throws Exception {
    if (schema != null) {
      try (var c = DriverManager.getConnection(PG, "postgres", "")) {
        c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
      flushRedis();
    }
  }

  private static void flushRedis() {
    try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
      redis.select(15);
      redis.flushDB();
    }
  }

  /** The platform on this test's schema and Redis database 15. */
  private Platform start() throws Exception {
    PerpetuaConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "PERPETUA_PORT", "0",
                "PERPETUA_STORE_DATABASE_URL", PG + "?currentSchema=" + schema,
                "PERPETUA_STORE_DATABASE_USER", "postgres",
                "PERPETUA_STORE_REDIS_URL", "redis://127.0.0.1:6379/15"));
    return TestPlatforms.start(config, dataDir, TOKEN, 36_000);
  }

  @Test
  void run_onPostgresAndRedis_rebalanceJournaledAndPublished() throws Exception {
    try (Platform p = start()) {
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
  }

  /**
   * The risk and order endpoints on PostgreSQL and Redis: the risk status answers, the emergency
   * stop is persisted in PostgreSQL ({@code risk_controls}) and published in Redis ({@code
   * quant:risk:status}, {@code quant:system:emergency_stop}), the order history and NAV answer 200.
   */
  @Test
  void riskControlsAndHistory_onPostgresAndRedis() throws Exception {
    try (Platform p = start()) {
      int port = p.port();
      JsonNode status = awaitData(port, "/api/v1/risk/status");
      assertThat(status.get("emergency_stop").asBoolean()).isFalse();
      assertThat(status.get("trading_enabled").asBoolean()).isTrue();
      assertThat(status.get("rules").size()).isPositive();
      JsonNode nav = awaitData(port, "/api/v1/portfolio/nav"); // 404 until the first snapshot
      assertThat(nav.get("datapoints").size()).isPositive();

      var stop =
          send(
              port,
              "/api/v1/system/emergency-stop",
              "{\"confirm\":true,\"reason\":\"it stop\",\"operator\":\"it-op\"}");
      assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
      try (var c = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
          var rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT active, reason, operator FROM risk_controls"
                          + " WHERE control_key = 'emergency_stop' AND active")) {
        assertThat(rs.next()).as("an active emergency stop row in risk_controls").isTrue();
        assertThat(rs.getString(2)).isEqualTo("it stop");
        assertThat(rs.getString(3)).isEqualTo("it-op");
      }
      try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
        redis.select(15);
        assertThat(json(redis.get("quant:system:emergency_stop")).get("emergency_stop").asBoolean())
            .isTrue();
        JsonNode published = json(redis.get("quant:risk:status"));
        assertThat(published.get("trading_enabled").asBoolean()).isFalse();
        assertThat(published.get("overall_status").asText()).isEqualTo("halted");
      }
      JsonNode halted = awaitData(port, "/api/v1/risk/status");
      assertThat(halted.get("emergency_stop").asBoolean()).isTrue();
      assertThat(halted.get("trading_enabled").asBoolean()).isFalse();

      for (String path :
          new String[] {
            "/api/v1/orders/history?page=1&page_size=500",
            "/api/v1/portfolio/nav",
            "/api/v1/orders/trades",
            "/api/v1/orders/rebalance-history",
            "/api/v1/account/open-orders"
          }) {
        var res = send(port, path, null);
        assertThat(res.statusCode()).as("%s: %s", path, res.body()).isEqualTo(200);
      }
      var resume =
          send(
              port,
              "/api/v1/system/resume",
              "{\"confirm\":true,\"reason\":\"it resume\",\"operator\":\"it-op\"}");
      assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
      try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
        redis.select(15);
        assertThat(json(redis.get("quant:system:emergency_stop")).get("emergency_stop").asBoolean())
            .isFalse();
      }
    }
  }

  private static JsonNode json(String text) throws Exception {
    assertThat(text).as("published in Redis").isNotNull();
    return new ObjectMapper().readTree(text);
  }

  /** A GET (body null) or a JSON POST with the bearer token. */
  private static HttpResponse<String> send(int port, String path, String body) throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TOKEN);
    if (body != null) {
      req.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
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
