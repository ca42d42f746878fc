package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static io.perpetua.server.JsonShapes.assertSameShape;
import static io.perpetua.server.JsonShapes.specExample;
import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The six V1 P0 endpoints against the shapes of the spec's examples (spec 000, section 二), with
 * precision rounding checked on values that need it.
 */
class V1ContractTest {
  private static TestServer api;

  @BeforeAll
  static void start() {
    api = TestServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void health_matchesSpecShape_andReportsEachService() {
    JsonNode data = successData(api.getAnonymous("/api/v1/health"));
    assertSameShape(specExample("health.json"), data, Set.of("$.services[].metrics"));

    assertThat(data.get("overall_status").asText()).isEqualTo("degraded");
    assertThat(data.get("checked_at").asText()).isEqualTo("2026-03-02T23:59:00Z");
    JsonNode pool = data.get("services").get(0);
    assertThat(pool.get("name").asText()).isEqualTo("asset_pool_service");
    assertThat(pool.get("status").asText()).isEqualTo("healthy");
    assertThat(pool.get("last_heartbeat").asText()).isEqualTo("2026-03-02T23:58:30Z");
    assertThat(pool.get("uptime_seconds").asLong()).isEqualTo(86_400);
    assertThat(pool.get("metrics").get("symbols_count").asInt()).isEqualTo(100);
    JsonNode features = data.get("services").get(1);
    assertThat(features.get("status").asText()).isEqualTo("degraded");
    assertThat(features.get("metrics").get("last_calculation").asText())
        .isEqualTo("2026-03-02T23:54:50Z");
  }

  @Test
  void pipeline_matchesSpecShape_inStageOrder() {
    JsonNode data = successData(api.getAnonymous("/api/v1/health/pipeline"));
    assertSameShape(specExample("pipeline.json"), data, Set.of("$.stages[].metrics"));

    JsonNode stages = data.get("stages");
    assertThat(names(stages, "name"))
        .containsExactly("data_ingestion", "feature_calculation", "signal_generation");
    JsonNode ingestion = stages.get(0);
    assertThat(ingestion.get("display_name").asText()).isEqualTo("数据采集");
    assertThat(ingestion.get("status").asText()).isEqualTo("running");
    assertThat(ingestion.get("last_run").asText()).isEqualTo("2026-03-02T23:59:00Z");
    assertThat(ingestion.get("next_run").isNull()).isTrue();
    assertThat(stages.get(1).get("next_run").asText()).isEqualTo("2026-03-02T23:59:00Z");
    JsonNode metrics = stages.get(2).get("metrics");
    assertThat(metrics.get("active_strategy").asText()).isEqualTo("baseline_rev");
    assertThat(metrics.get("dry_run").isBoolean()).isTrue();
  }

  @Test
  void balance_matchesSpecShape_withMoneyRoundedToTwoPlaces() {
    JsonNode data = successData(api.get("/api/v1/account/balance"));
    assertSameShape(specExample("balance.json"), data, Set.of());

    assertThat(data.get("total_equity").decimalValue()).isEqualByComparingTo("10234.56");
    assertThat(data.get("available_balance").decimalValue()).isEqualByComparingTo("5120.30");
    assertThat(data.get("used_margin").decimalValue()).isEqualByComparingTo("5114.26");
    assertThat(data.get("unrealized_pnl").decimalValue()).isEqualByComparingTo("123.46");
    assertThat(data.get("currency").asText()).isEqualTo("USDT");
    assertThat(data.get("updated_at").asText()).isEqualTo("2026-03-02T23:58:30Z");
  }

  @Test
  void balance_rawJson_hasNumbersNotStrings() {
    String body = api.get("/api/v1/account/balance").body();
    assertThat(body).contains("\"total_equity\":10234.56").contains("\"available_balance\":5120.3");
  }

  @Test
  void positions_matchesSpecShape_withPricesRoundedToEightPlaces() {
    JsonNode data = successData(api.get("/api/v1/account/positions"));
    assertSameShape(specExample("positions.json"), data, Set.of());

    assertThat(data.get("total_positions").asInt()).isEqualTo(3);
    assertThat(data.get("long_count").asInt()).isEqualTo(2);
    assertThat(data.get("short_count").asInt()).isEqualTo(1);
    JsonNode btc = data.get("positions").get(0);
    assertThat(btc.get("symbol").asText()).isEqualTo("BTC/USDT:USDT");
    assertThat(btc.get("contracts").decimalValue()).isEqualByComparingTo("0.005");
    assertThat(btc.get("entry_price").decimalValue()).isEqualByComparingTo("62450.12345679");
    assertThat(btc.get("mark_price").isFloatingPointNumber()).isTrue();
    assertThat(btc.get("mark_price").decimalValue()).isEqualByComparingTo("62800");
    assertThat(btc.get("unrealized_pnl").decimalValue()).isEqualByComparingTo("1.75");
    assertThat(btc.get("margin").decimalValue()).isEqualByComparingTo("312.25");
    assertThat(btc.get("leverage").isInt()).isTrue();
    assertThat(btc.get("liquidation_price").isNull()).isTrue();
    JsonNode eth = data.get("positions").get(1);
    assertThat(eth.get("liquidation_price").decimalValue()).isEqualByComparingTo("4123.12345679");
    assertThat(eth.get("unrealized_pnl").decimalValue()).isEqualByComparingTo("5.13");
    assertThat(eth.get("margin").decimalValue()).isEqualByComparingTo("800.13");
  }

  @Test
  void positions_sideFilter_keepsWholeBookCounts() {
    JsonNode data = successData(api.get("/api/v1/account/positions?side=short"));
    assertThat(names(data.get("positions"), "symbol")).containsExactly("ETH/USDT:USDT");
    assertThat(data.get("total_positions").asInt()).isEqualTo(3);
    assertThat(data.get("long_count").asInt()).isEqualTo(2);
    assertThat(data.get("short_count").asInt()).isEqualTo(1);

    JsonNode longs = successData(api.get("/api/v1/account/positions?side=long"));
    assertThat(names(longs.get("positions"), "symbol"))
        .containsExactly("BTC/USDT:USDT", "SOL/USDT:USDT");
  }

  @Test
  void targetPositions_matchesSpecShape_withWeightsRoundedToSixPlaces() {
    JsonNode data = successData(api.get("/api/v1/portfolio/target-positions"));
    assertSameShape(specExample("target-positions.json"), data, Set.of());

    assertThat(data.get("strategy_name").asText()).isEqualTo("baseline_rev");
    assertThat(data.get("signal_timestamp").asText()).isEqualTo("2026-03-02T23:55:00Z");
    assertThat(data.get("total_long").asInt()).isEqualTo(1);
    assertThat(data.get("total_short").asInt()).isEqualTo(1);
    JsonNode btc = data.get("positions").get(0);
    assertThat(btc.get("target_weight").decimalValue()).isEqualByComparingTo("0.016667");
    // 1.8512345 is exactly half way at 6 places: half up gives ...35 (half even would give ...34).
    assertThat(btc.get("signal_value").decimalValue()).isEqualByComparingTo("1.851235");
    JsonNode doge = data.get("positions").get(1);
    assertThat(doge.get("side").asText()).isEqualTo("short");
    assertThat(doge.get("target_weight").decimalValue()).isEqualByComparingTo("-0.016667");
    assertThat(doge.get("signal_value").decimalValue()).isEqualByComparingTo("-2.1");
    assertThat(doge.get("reason").asText()).isEqualTo("baseline_rev_short");
  }

  @Test
  void targetPositions_sideFilter() {
    JsonNode data = successData(api.get("/api/v1/portfolio/target-positions?side=short"));
    assertThat(names(data.get("positions"), "symbol")).containsExactly("DOGE/USDT:USDT");
    assertThat(data.get("total_long").asInt()).isEqualTo(1);
  }

  @Test
  void latestSignals_matchesSpecShape_inRankOrder() {
    JsonNode data = successData(api.get("/api/v1/signals/latest?side=long"));
    assertSameShape(specExample("signals-latest.json"), data, Set.of());

    JsonNode all = successData(api.get("/api/v1/signals/latest"));
    assertThat(names(all.get("signals"), "symbol"))
        .containsExactly("BTC/USDT:USDT", "ETH/USDT:USDT", "DOGE/USDT:USDT");
    JsonNode btc = all.get("signals").get(0);
    assertThat(btc.get("rank").asInt()).isEqualTo(1);
    assertThat(btc.get("signal_value").decimalValue()).isEqualByComparingTo("1.851235");
    assertThat(all.get("signals").get(1).get("side").isNull()).isTrue();
    assertThat(all.get("signals").get(2).get("signal_value").decimalValue())
        .isEqualByComparingTo("-2.1");
    assertThat(all.get("total_symbols_with_signal").asInt()).isEqualTo(3);
    assertThat(all.get("total_symbols_in_pool").asInt()).isEqualTo(488);
  }

  @Test
  void latestSignals_sideAndLimit() {
    JsonNode shorts = successData(api.get("/api/v1/signals/latest?side=short"));
    assertThat(names(shorts.get("signals"), "symbol")).containsExactly("DOGE/USDT:USDT");
    assertThat(shorts.get("total_symbols_with_signal").asInt()).isEqualTo(3);

    JsonNode top2 = successData(api.get("/api/v1/signals/latest?limit=2"));
    assertThat(names(top2.get("signals"), "symbol"))
        .containsExactly("BTC/USDT:USDT", "ETH/USDT:USDT");
  }

  @Test
  void noDataYet_is404WithClearMessage() {
    try (TestServer empty =
        TestServer.start(new InMemoryPlatformState(), TestServer.localConfig())) {
      for (String path :
          List.of(
              "/api/v1/account/balance",
              "/api/v1/account/positions",
              "/api/v1/portfolio/target-positions",
              "/api/v1/signals/latest")) {
        TestServer.Response r = empty.get(path);
        assertError(r, 404, 40401);
        assertThat(r.message()).as(path).containsPattern("No .* (published|computed) yet");
      }
      JsonNode health = successData(empty.getAnonymous("/api/v1/health"));
      assertThat(health.get("overall_status").asText()).isEqualTo("down");
      assertThat(health.get("services")).isEmpty();
      JsonNode pipeline = successData(empty.getAnonymous("/api/v1/health/pipeline"));
      assertThat(pipeline.get("stages")).isEmpty();
    }
  }

  private static List<String> names(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }
}
