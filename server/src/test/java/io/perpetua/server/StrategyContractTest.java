package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static io.perpetua.server.JsonShapes.assertSameShape;
import static io.perpetua.server.JsonShapes.specExample;
import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Times;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.readmodel.TargetPosition;
import io.perpetua.server.v1.SignalAnalysisRoutes;
import io.perpetua.server.v1.StrategyRoutes;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.registry.BookMetrics;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.SignalCoverage;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.StrategySignal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The strategy endpoints (spec 4.1, 4.2, 5.1, 5.2, 5.4, 5.5) against the shapes of the spec's
 * examples, and their bad-input answers (nothing changes).
 */
class StrategyContractTest {
  private static final long NOW = Fixtures.NOW;
  private static final Set<String> PARAMS = Set.of("$.strategies[].parameters");
  private final InMemoryRegistryStore store = new InMemoryRegistryStore();
  private TestServer api;
  private StrategyRegistry registry;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  static StrategyDefinition rank(String name, String pool, int n, int days, double weight) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"));
    params.put("long_n", n);
    params.put("short_n", n);
    return new StrategyDefinition(
        name,
        name.equals("baseline_rev") ? "Baseline Reversal (2h+4h)" : name,
        "2h+4h reversal",
        pool,
        "59 23 * * *",
        days,
        weight,
        params,
        List.of("time_bar", "dollar_bar"),
        p -> new RankLongShortStrategy.Factory().create(StrategyId.of(name), pool, p));
  }

  private void start(String mode, List<StrategyDefinition> defs, Set<String> active) {
    registry = new StrategyRegistry(mode, defs, active, store, () -> NOW);
    for (StrategyDefinition d : defs) {
      long t = NOW - 240_000;
      registry.recordDecision(
          new StrategySignal(d.name(), d.poolName(), t, 78, 80, 30, 30),
          new SignalCoverage(d.name(), t, 80, 78, List.of("NEW/USDT:USDT", "OLD/USDT:USDT")));
      registry.recordNav(d.name(), new NavPoint(NOW - 2 * Times.DAY_MS + 60_000, 10_000));
      registry.recordNav(d.name(), new NavPoint(NOW - Times.DAY_MS + 60_000, 10_100));
      registry.recordNav(d.name(), new NavPoint(NOW + 60_000, 10_050));
      registry.recordPerformance(
          d.name(), new BookMetrics(10_050, 0.005, 1.85, -0.005, 0.9, 0.5, 0.4));
    }
    InMemoryPlatformState state = Fixtures.populated();
    if (StrategyRegistry.ENSEMBLE.equals(mode)) {
      state.putSignal(
          new SignalSnapshot(
              "ensemble",
              NOW - 240_000,
              List.of(new SymbolSignal("BTC/USDT:USDT", 1.52, 1, "long")),
              List.of(new TargetPosition("BTC/USDT:USDT", "long", 0.01, 1.52, "ensemble_long")),
              80));
    }
    api =
        TestServer.start(
            state,
            server -> server.withStrategyRegistry(() -> registry),
            new StrategyRoutes(() -> registry, (request, change) -> "apr_test"),
            new SignalAnalysisRoutes(() -> registry, () -> NOW));
  }

  private void startSingle() {
    start("single", List.of(rank("baseline_rev", "default", 30, 1, 0)), Set.of("baseline_rev"));
  }

  private void startEnsemble() {
    start(
        "ensemble",
        List.of(
            rank("baseline_rev", "default", 30, 1, 0.3),
            rank("rev_x_inv_vpin", "default", 10, 1, 0.3),
            rank("ofi_14d", "t50_monthly", 15, 14, 0.4)),
        Set.of("baseline_rev", "rev_x_inv_vpin", "ofi_14d"));
  }

  private TestServer.Response post(String path, String body) {
    return api.send(
        "POST",
        path,
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  @Test
  void list_single_matchesV1Shape() {
    startSingle();
    JsonNode data = successData(api.get("/api/v1/strategy/list"));
    assertSameShape(specExample("strategy-list.json"), data, PARAMS);
    assertThat(data.get("active_mode").asText()).isEqualTo("single");
    assertThat(data.get("active_strategy").asText()).isEqualTo("baseline_rev");
    JsonNode s = data.get("strategies").get(0);
    assertThat(s.get("parameters").get("long_n").asInt()).isEqualTo(30);
    assertThat(s.get("parameters").get("rebalance_days").asInt()).isEqualTo(1);
    assertThat(s.get("performance").get("sharpe_live").asDouble()).isEqualTo(1.85);
    assertThat(s.get("last_signal_time").asText()).isEqualTo("2026-03-02T23:55:00Z");
  }

  @Test
  void list_ensemble_matchesV2Shape() {
    startEnsemble();
    JsonNode data = successData(api.get("/api/v1/strategy/list"));
    assertSameShape(specExample("strategy-list-v2.json"), data, PARAMS);
    assertThat(data.get("ensemble_method").asText()).isEqualTo("weighted_average");
    assertThat(data.get("active_strategies")).hasSize(3);
    assertThat(data.get("strategies").get(2).get("ensemble_weight").asDouble()).isEqualTo(0.4);
  }

  @Test
  void config_matchesShape_unknownStrategyIs40410() {
    startSingle();
    JsonNode data = successData(api.get("/api/v1/strategy/baseline_rev/config"));
    assertSameShape(specExample("strategy-config.json"), data, Set.of("$.parameters"));
    assertThat(data.get("config_version").asText()).isEqualTo("v1");
    assertThat(data.get("cron_schedule").asText()).isEqualTo("59 23 * * *");
    assertError(api.get("/api/v1/strategy/invalid_name/config"), 404, 40410);
  }

  @Test
  void changeRequest_matchesShape_pendingUntilApproved_thenHistory() {
    startSingle();
    JsonNode cr =
        successData(
            post(
                "/api/v1/strategy/baseline_rev/config",
                "{\"parameters\":{\"long_n\":20,\"short_n\":20},\"reason\":\"smaller\","
                    + "\"apply_mode\":\"next_rebalance\"}"));
    assertSameShape(specExample("strategy-config-change.json"), cr, Set.of());
    assertThat(cr.get("change_request_id").asText()).isEqualTo("cr-20260302-001");
    assertThat(cr.get("status").asText()).isEqualTo("pending_review");
    assertThat(cr.get("changes").get("long_n").get("old").asInt()).isEqualTo(30);
    assertThat(cr.get("changes").get("long_n").get("new").asInt()).isEqualTo(20);
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    registry.approve("cr-20260302-001", "bob");
    registry.beginDecision("baseline_rev", NOW);
    JsonNode history = successData(api.get("/api/v1/strategy/baseline_rev/config/history"));
    // the changes are keyed by parameter name: free-form like the spec's services' metrics
    assertSameShape(
        specExample("strategy-config-history.json"), history, Set.of("$.changes[].changes"));
    assertThat(first(history).get("changes").get("long_n").get("new").asInt()).isEqualTo(20);
    JsonNode first = history.get("changes").get(0);
    assertThat(first.get("status").asText()).isEqualTo("applied");
    assertThat(first.get("version").asText()).isEqualTo("v2");
    assertThat(first.get("applied_at").asText()).isEqualTo("2026-03-02T23:59:00Z");
  }

  private static JsonNode first(JsonNode history) {
    return history.get("changes").get(0);
  }

  @Test
  void changeRequest_badInput_namesEveryParameter_andNothingChanges() {
    startSingle();
    TestServer.Response bad =
        post(
            "/api/v1/strategy/baseline_rev/config",
            "{\"parameters\":{\"long_n\":-5,\"leverage_x\":3},\"reason\":\"x\"}");
    assertError(bad, 400, 40030);
    assertThat(bad.json().get("message").asText()).contains("long_n").contains("leverage_x");
    assertError(
        post("/api/v1/strategy/nope/config", "{\"parameters\":{\"long_n\":5},\"reason\":\"x\"}"),
        404,
        40410);
    assertError(
        post("/api/v1/strategy/baseline_rev/config", "{\"parameters\":{\"long_n\":5}}"),
        400,
        40002);
    assertError(
        post(
            "/api/v1/strategy/baseline_rev/config",
            "{\"parameters\":{\"long_n\":5},\"reason\":\"x\",\"apply_mode\":\"later\"}"),
        400,
        40001);
    assertThat(successData(api.get("/api/v1/strategy/baseline_rev/config/history")).get("changes"))
        .isEmpty();
  }

  @Test
  void toggle_matchesShape_confirmAndReasonRequired() {
    startEnsemble();
    assertError(
        post(
            "/api/v1/strategy/ofi_14d/toggle",
            "{\"action\":\"deactivate\",\"confirm\":false,\"reason\":\"x\"}"),
        400,
        40031);
    assertError(
        post("/api/v1/strategy/ofi_14d/toggle", "{\"action\":\"deactivate\",\"confirm\":true}"),
        400,
        40031);
    assertError(
        post(
            "/api/v1/strategy/nope/toggle",
            "{\"action\":\"deactivate\",\"confirm\":true,\"reason\":\"x\"}"),
        404,
        40410);
    assertThat(registry.status("ofi_14d")).isEqualTo("active");

    JsonNode data =
        successData(
            post(
                "/api/v1/strategy/ofi_14d/toggle",
                "{\"action\":\"deactivate\",\"confirm\":true,\"reason\":\"drawdown\"}"));
    assertSameShape(specExample("strategy-toggle.json"), data, Set.of());
    assertThat(data.get("previous_status").asText()).isEqualTo("active");
    assertThat(data.get("new_status").asText()).isEqualTo("inactive");
    assertThat(registry.status("ofi_14d")).isEqualTo("inactive");
  }

  @Test
  void coverage_matchesShape_fromStoredSnapshots() {
    startSingle();
    JsonNode data = successData(api.get("/api/v1/signals/coverage?start_date=2026-03-01"));
    assertSameShape(specExample("signals-coverage.json"), data, Set.of());
    JsonNode day = data.get("daily_coverage").get(0);
    assertThat(day.get("date").asText()).isEqualTo("2026-03-02");
    assertThat(day.get("pool_size").asInt()).isEqualTo(80);
    assertThat(day.get("signals_generated").asInt()).isEqualTo(78);
    assertThat(day.get("coverage_rate").asDouble()).isEqualTo(0.975);
    assertThat(day.get("missing_symbols").get(0).asText()).isEqualTo("NEW/USDT:USDT");
    assertThat(data.get("summary").get("min_coverage_date").asText()).isEqualTo("2026-03-02");
  }

  @Test
  void compare_matchesShape_fromVirtualBooks() {
    startEnsemble();
    JsonNode data =
        successData(
            api.get(
                "/api/v1/signals/compare?strategies=baseline_rev,ofi_14d&start_date=2026-02-28"));
    assertSameShape(specExample("signals-compare.json"), data, Set.of());
    JsonNode base = data.get("strategies").get(0);
    assertThat(base.get("nav_curve")).hasSize(3);
    assertThat(base.get("metrics").get("total_return").asDouble()).isEqualTo(0.005);
    assertThat(base.get("metrics").get("max_drawdown").asDouble())
        .isCloseTo(10_050.0 / 10_100 - 1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(data.get("strategies").get(1).get("rebalance_days").asInt()).isEqualTo(14);
    assertError(api.get("/api/v1/signals/compare?strategies=nope"), 404, 40410);
  }

  /** The routes are in /openapi.json, and their examples (and live answers) fit the schemas. */
  @Test
  void openApi_documentsEveryStrategyRoute_examplesAndAnswersValidate() {
    startSingle();
    JsonNode doc = api.getAnonymous("/openapi.json").json();
    SchemaValidator validator = new SchemaValidator(doc);
    String[][] routes = {
      {"/api/v1/strategy/list", "get", "/api/v1/strategy/list"},
      {"/api/v1/strategy/{name}/config", "get", "/api/v1/strategy/baseline_rev/config"},
      {"/api/v1/strategy/{name}/config", "post", null},
      {
        "/api/v1/strategy/{name}/config/history",
        "get",
        "/api/v1/strategy/baseline_rev/config/history"
      },
      {"/api/v1/strategy/{name}/toggle", "post", null},
      {"/api/v1/signals/coverage", "get", "/api/v1/signals/coverage"},
      {"/api/v1/signals/compare", "get", "/api/v1/signals/compare"}
    };
    for (String[] r : routes) {
      JsonNode ok =
          doc.path("paths").path(r[0]).path(r[1]).at("/responses/200/content/application~1json");
      assertThat(ok.isMissingNode()).as(r[0]).isFalse();
      assertThat(validator.validate(ok.get("schema"), ok.get("example"))).as(r[0]).isEmpty();
      if (r[2] != null) {
        assertThat(validator.validate(ok.get("schema"), api.get(r[2]).json())).as(r[2]).isEmpty();
      }
    }
  }

  @Test
  void signalsLatest_ensemble_matchesV2Shape() {
    startEnsemble();
    JsonNode data = successData(api.get("/api/v1/signals/latest"));
    assertSameShape(specExample("signals-latest-v2.json"), data, Set.of());
    assertThat(data.get("mode").asText()).isEqualTo("ensemble");
    assertThat(data.get("per_strategy_signals")).hasSize(3);
    assertThat(data.get("per_strategy_signals").get(2).get("pool_name").asText())
        .isEqualTo("t50_monthly");
  }
}
