package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static io.perpetua.server.JsonShapes.assertSameShape;
import static io.perpetua.server.JsonShapes.specExample;
import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.readmodel.PoolSnapshot;
import io.perpetua.server.v1.AssetPoolRoutes;
import io.perpetua.signals.pool.AssetPoolDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code asset-pool/list} and {@code asset-pool/{pool_name}/symbols} against spec 000 §5.3. */
class AssetPoolContractTest {
  private static TestServer api;
  private static final io.perpetua.readmodel.InMemoryPlatformState STATE =
      new io.perpetua.readmodel.InMemoryPlatformState();

  @BeforeAll
  static void start() {
    STATE.putPool(
        new PoolSnapshot(
            "t50_monthly",
            Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(),
            "2026-02",
            List.of(
                new PoolSnapshot.Member("BTC/USDT:USDT", 1, 125_000_000.004, 730),
                new PoolSnapshot.Member("ETH/USDT:USDT", 2, 85_000_000.0, 729))));
    STATE.putPool(
        new PoolSnapshot(
            "default",
            Instant.parse("2026-03-02T00:00:00Z").toEpochMilli(),
            null,
            List.of(new PoolSnapshot.Member("BTC/USDT:USDT", 1, 9.9e9, 1200))));
    api =
        TestServer.start(
            new AssetPoolRoutes(
                List.of(
                    new AssetPoolRoutes.Pool(
                        AssetPoolDefinition.defaultPool(),
                        "默认池 (Top-100 日成交额)",
                        List.of("baseline_rev", "rev_x_inv_vpin")),
                    new AssetPoolRoutes.Pool(
                        AssetPoolDefinition.t50Monthly(), "T50 月度流动性池", List.of("ofi_14d"))),
                STATE));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void list_matchesSpecShape_withEachPoolsConfigurationAndLatestSelection() {
    JsonNode data = successData(api.get("/api/v1/asset-pool/list"));
    assertSameShape(specExample("asset-pool-list.json"), data, Set.of());
    JsonNode def = data.get("pools").get(0);
    assertThat(def.get("metric").asText()).isEqualTo("usdt_volume_30d");
    assertThat(def.get("top_k").asInt()).isEqualTo(100);
    assertThat(def.get("update_interval").asText()).isEqualTo("24h");
    assertThat(def.get("current_size").asInt()).isEqualTo(1);
    assertThat(def.get("last_updated").asText()).isEqualTo("2026-03-02T00:00:00Z");
    assertThat(def.get("lag").isNull()).isTrue(); // a trailing-volume pool has no month lag
    JsonNode t50 = data.get("pools").get(1);
    assertThat(t50.get("lag").asInt()).isEqualTo(1);
    assertThat(t50.get("min_history_days").asInt()).isEqualTo(60);
    assertThat(t50.get("update_interval").asText()).isEqualTo("monthly");
    assertThat(t50.get("current_size").asInt()).isEqualTo(2);
    assertThat(t50.get("last_updated").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(t50.get("used_by_strategies").get(0).asText()).isEqualTo("ofi_14d");
  }

  @Test
  void symbols_matchesSpecShape_withRankMetricHistoryAndReferenceMonth() {
    JsonNode data = successData(api.get("/api/v1/asset-pool/t50_monthly/symbols"));
    assertSameShape(specExample("asset-pool-symbols.json"), data, Set.of());
    assertThat(data.get("reference_month").asText()).isEqualTo("2026-02");
    assertThat(data.get("total_symbols").asInt()).isEqualTo(2);
    JsonNode btc = data.get("symbols").get(0);
    assertThat(btc.get("rank").asInt()).isEqualTo(1);
    assertThat(btc.get("metric_value").decimalValue()).isEqualByComparingTo("125000000.00");
    assertThat(data.get("symbols").get(1).get("history_days").asInt()).isEqualTo(729);
  }

  @Test
  void unknownPool_is40420_andAPoolNotRefreshedYet_is40401_andListsEmpty() {
    assertError(api.get("/api/v1/asset-pool/nope/symbols"), 404, 40420);
    assertThat(api.get("/api/v1/asset-pool/nope/symbols").body()).contains("nope", "t50_monthly");
    try (TestServer fresh =
        TestServer.start(
            new AssetPoolRoutes(
                List.of(
                    new AssetPoolRoutes.Pool(
                        AssetPoolDefinition.defaultPool(), "default", List.of("baseline_rev"))),
                new io.perpetua.readmodel.InMemoryPlatformState()))) {
      assertError(fresh.get("/api/v1/asset-pool/default/symbols"), 404, 40401);
      JsonNode pool = successData(fresh.get("/api/v1/asset-pool/list")).get("pools").get(0);
      assertThat(pool.get("current_size").asInt()).isZero();
      assertThat(pool.get("last_updated").isNull()).isTrue();
    }
  }
}
