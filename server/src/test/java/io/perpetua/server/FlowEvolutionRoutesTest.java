package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.InstrumentId;
import io.perpetua.server.v1.flow.FlowEvolutionRoutes;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.learn.Evolution;
import io.perpetua.trading.learn.EvolutionConfig;
import io.perpetua.trading.learn.InMemoryEvolutionStore;
import io.perpetua.trading.learn.LearningDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowEvolutionRoutesTest {
  private static final long NOW = 1_767_226_200_000L; // 2026-01-01T00:10Z
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private final List<LearningDecision> audit = new ArrayList<>();
  private FlowService flow;
  private Evolution evolution;
  private TestServer api;

  @BeforeEach
  void start() {
    InMemoryFlowJournal journal = new InMemoryFlowJournal();
    flow =
        new FlowService(FlowEngineSettings.paper("evo-api"), Set.of(BTC), journal, () -> NOW, null);
    flow.create(FactoryStrategyDefinition.defaults("Parent", "BTCUSDT"));
    evolution =
        new Evolution(
            flow,
            new InMemoryEvolutionStore(journal),
            EvolutionConfig.DEFAULTS,
            () -> NOW,
            audit::add);
    api = TestServer.start(new FlowEvolutionRoutes(() -> evolution));
  }

  @AfterEach
  void stop() {
    api.server.stop();
  }

  private TestServer.Response post(String body) {
    return api.send(
        "POST",
        "/api/v1/flow/evolution/run",
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  @Test
  void exampleMatchesTheSchema() {
    assertThat(OpenApiChecks.everyFlowRoute(api, "/api/v1/flow/evolution/", r -> r.path()))
        .isEqualTo(1);
  }

  @Test
  void badInputIsAFieldNamedErrorAndChangesNothing() {
    TestServer.Response missing = post("{}");
    TestServer.Response wrong = post("{\"dry_run\": \"maybe\"}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("code").asInt()).isEqualTo(40002);
    assertThat(missing.json().get("message").asText()).contains("dry_run");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("message").asText()).contains("dry_run");
    assertThat(evolution.store().runs(10)).isEmpty();
    assertThat(flow.strategies()).hasSize(1);
    assertThat(audit).isEmpty();
  }

  @Test
  void aDryRunReportsAndAnAppliedRunCreatesOncePerDay() {
    TestServer.Response dry = post("{\"dry_run\": true}");
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    JsonNode d = dry.data();
    assertThat(d.get("dry_run").asBoolean()).isTrue();
    assertThat(d.get("report").get("actions").get(0).get("action").asText()).isEqualTo("create");
    assertThat(d.get("markdown").asText()).contains("dry run");
    assertThat(flow.strategies()).hasSize(1);

    JsonNode applied = post("{\"dry_run\": false}").data();
    assertThat(applied.get("report").get("created").size()).isEqualTo(1);
    assertThat(flow.strategies()).hasSize(2);
    assertThat(post("{\"dry_run\": false}").data().get("report").get("created").size()).isZero();
    assertThat(audit).isNotEmpty().noneMatch(a -> a.actor().equals(LearningDecision.ACTOR));
  }
}
