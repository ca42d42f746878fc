package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Times;
import io.perpetua.server.v1.AllocationRoutes;
import io.perpetua.server.v1.OrchestratorRoutes;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.allocation.AllocationConfig;
import io.perpetua.trading.allocation.AllocationService;
import io.perpetua.trading.allocation.AllocationStore;
import io.perpetua.trading.allocation.CapitalWeights;
import io.perpetua.trading.allocation.MarketVol;
import io.perpetua.trading.orchestrator.InMemoryOrchestratorStore;
import io.perpetua.trading.orchestrator.JobDefinition;
import io.perpetua.trading.orchestrator.OptimisationQueue;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The allocation and orchestrator routes: shapes, the audit listener, and bad input. */
class AllocationContractTest {
  private static final long NOW = Fixtures.NOW;
  private TestServer api;
  private final AllocationStore store = AllocationStore.inMemory();
  private final CapitalWeights weights = new CapitalWeights();
  private final List<Long> audited = new ArrayList<>();

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  static StrategyDefinition def(String name) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h"));
    params.put("long_n", 3);
    params.put("short_n", 3);
    return new StrategyDefinition(
        name,
        name,
        "",
        "default",
        "59 23 * * *",
        1,
        0.5,
        params,
        List.of("time_bar"),
        p -> new RankLongShortStrategy.Factory().create(StrategyId.of(name), "default", p));
  }

  private void start(String mode) {
    Set<String> active = mode.equals("single") ? Set.of("good") : Set.of("good", "bad");
    StrategyRegistry registry =
        new StrategyRegistry(
            mode, List.of(def("good"), def("bad")), active, new InMemoryRegistryStore(), () -> NOW);
    for (int d = 0; d < 12; d++) {
      long t = NOW - (12 - d) * Times.DAY_MS;
      registry.recordNav("good", new NavPoint(t, 10_000 * Math.pow(1.003, d) + (d % 2) * 5));
      registry.recordNav("bad", new NavPoint(t, 10_000 * Math.pow(0.99, d) + (d % 3) * 5));
    }
    AllocationService service =
        new AllocationService(
            AllocationConfig.defaults(),
            registry,
            weights,
            store,
            r -> audited.add(r.id()),
            OptimisationQueue.recording(),
            () -> MarketVol.UNKNOWN,
            () -> NOW);
    InMemoryOrchestratorStore jobs = new InMemoryOrchestratorStore();
    jobs.register(List.of(new JobDefinition("bandit_rebalance", "*/5 * * * *", "bandit")), NOW);
    jobs.finish(jobs.claimDue(NOW + 3_600_000, "host-1").getFirst().runId(), "done", "ok", NOW);
    api =
        TestServer.start(
            Fixtures.populated(),
            TestServer.localConfig(),
            new AllocationRoutes(() -> service),
            new OrchestratorRoutes(() -> jobs));
  }

  private TestServer.Response post(String body) {
    return api.send(
        "POST",
        "/api/v1/alloc/rebalance",
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  @Test
  void rebalance_movesAtMostTheStepFraction_isRecordedAndAudited() {
    start("ensemble");
    JsonNode before = successData(api.get("/api/v1/allocation"));
    assertThat(before.get("configured").asBoolean()).isTrue();
    assertThat(before.get("weights")).hasSize(2);

    JsonNode step = successData(post("{\"mode\": \"bandit\"}"));
    assertThat(step.get("step_id").asLong()).isEqualTo(1);
    assertThat(step.get("actor").asText()).isNotBlank();
    assertThat(step.get("moved").asDouble()).isLessThanOrEqualTo(0.05 + 1e-12);
    assertThat(audited).containsExactly(1L);
    assertThat(weights.current()).containsKeys("good", "bad");

    successData(post("{\"mode\": \"target_vol\"}"));
    JsonNode history = successData(api.get("/api/v1/allocation/history?limit=1"));
    assertThat(history.get("steps")).hasSize(1);
    assertThat(history.get("steps").get(0).get("mode").asText()).isEqualTo("target_vol");
    JsonNode older = successData(api.get("/api/v1/allocation/history?before_id=2"));
    assertThat(older.get("steps").get(0).get("step_id").asLong()).isEqualTo(1);
    assertThat(successData(api.get("/api/v1/allocation")).get("step_id").asLong()).isEqualTo(2);
  }

  @Test
  void badInput_namesTheField_andChangesNothing() {
    start("ensemble");
    TestServer.Response bad = post("{\"mode\": \"greedy\"}");
    assertError(bad, 400, 40001);
    assertThat(bad.message()).contains("mode");
    assertError(post("{}"), 400, 40002);
    assertError(api.get("/api/v1/allocation/history?limit=0"), 400, 40001);
    assertError(api.get("/api/v1/orchestrator/runs?job=nope"), 404, 40450);
    assertThat(store.latest()).isEmpty();
    assertThat(audited).isEmpty();
    assertThat(weights.current()).isEmpty();
  }

  @Test
  void singleMode_is409_andNothingChanges() {
    start("single");
    TestServer.Response r = post("{\"mode\": \"bandit\"}");
    assertError(r, 409, 40060);
    assertThat(r.message()).contains("ensemble");
    assertThat(store.latest()).isEmpty();
  }

  @Test
  void orchestrator_jobsAndRuns() {
    start("ensemble");
    JsonNode jobs = successData(api.get("/api/v1/orchestrator/jobs"));
    assertThat(jobs.get("jobs").get(0).get("name").asText()).isEqualTo("bandit_rebalance");
    assertThat(jobs.get("jobs").get(0).get("cron").asText()).isEqualTo("*/5 * * * *");
    JsonNode runs = successData(api.get("/api/v1/orchestrator/runs?job=bandit_rebalance"));
    JsonNode run = runs.get("runs").get(0);
    assertThat(run.get("trigger").asText()).isEqualTo("catch_up");
    assertThat(run.get("status").asText()).isEqualTo("done");
    assertThat(run.get("instance").asText()).isEqualTo("host-1");
  }
}
