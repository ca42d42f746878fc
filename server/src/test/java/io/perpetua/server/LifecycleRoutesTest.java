package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.server.v1.LifecycleRoutes;
import io.perpetua.trading.lifecycle.GateConfig;
import io.perpetua.trading.lifecycle.InMemoryLifecycleStore;
import io.perpetua.trading.lifecycle.LifecycleFixtures;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The strategy lifecycle routes: the promotion path, gates, bad input (nothing changes). */
class LifecycleRoutesTest {
  private static final String BASE = "/api/v1/strategies/baseline_rev/";
  private static final String LIVE_OK =
      "\"live_daily_returns\": [0.004, -0.002, 0.003, 0.001, -0.001, 0.002],"
          + " \"backtest_daily_returns\": [0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0,"
          + " 0.002], \"live_slippage_bps\": 3.0, \"assumed_slippage_bps\": 2.0, \"trades\": 9";
  private static final String LIVE_CRASH =
      "\"live_daily_returns\": [0.004, -0.08, -0.05, 0.001, -0.03, 0.002],"
          + " \"backtest_daily_returns\": [0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0,"
          + " 0.002], \"live_slippage_bps\": 3.0, \"assumed_slippage_bps\": 2.0, \"trades\": 9";

  private TestServer api;
  private StrategyRegistry registry;
  private LifecycleService service;
  private final AtomicReference<String> approvalId = new AtomicReference<>("apr_test");

  @BeforeEach
  void start() {
    registry = LifecycleFixtures.registry(new InMemoryRegistryStore(), () -> Fixtures.NOW);
    service =
        new LifecycleService(
            registry,
            new InMemoryLifecycleStore(),
            new GateConfig(0.10, 0.0, 0.10, 0.05, 5.0, 5, 5),
            () -> Fixtures.NOW);
    api =
        TestServer.start(
            new LifecycleRoutes(() -> service, (request, s, v, why) -> approvalId.get()));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private TestServer.Response post(String path, String body) {
    return api.send(
        "POST",
        BASE + path,
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  private void toCanary() {
    successData(
        post(
            "versions",
            "{\"parameters\": {\"long_n\": 20}, \"reason\": \"opt\","
                + " \"optimiser_run_id\": \"opt-7\", \"optimiser_stats\": {\"dsr\": 0.97}}"));
    successData(post("promote", promote("shadow")));
    successData(post("promote", promote("canary")));
  }

  private static String promote(String stage) {
    return "{\"version_id\": \"baseline_rev-v2\", \"stage\": \"" + stage + "\", \"reason\": \"r\"}";
  }

  @Test
  void versions_listsTheConfigurationAsStableVersion1() {
    JsonNode data = successData(api.get(BASE + "versions"));
    assertThat(data.get("stable_version").asText()).isEqualTo("baseline_rev-v1");
    assertThat(data.get("candidate").isNull()).isTrue();
    assertThat(data.at("/versions/0/parameters/long_n").asInt()).isEqualTo(30);
    assertThat(data.at("/versions/0/role").asText()).isEqualTo("stable");
    assertThat(data.at("/events/0/kind").asText()).isEqualTo("stable.bootstrap");
  }

  @Test
  void canaryBreach_viaTheApi_isRolledBackWithTheBreachRecorded() {
    toCanary();
    JsonNode canary = successData(api.get(BASE + "versions"));
    assertThat(canary.at("/candidate/stage").asText()).isEqualTo("canary");
    assertThat(canary.at("/candidate/capital_fraction").asDouble()).isEqualTo(0.10);
    assertThat(canary.at("/versions/1/optimiser_run_id").asText()).isEqualTo("opt-7");

    JsonNode r = successData(post("evaluate", "{" + LIVE_CRASH + "}"));
    assertThat(r.get("outcome").asText()).isEqualTo("breach");
    assertThat(r.at("/lifecycle/candidate").isNull()).isTrue();
    JsonNode events = r.at("/lifecycle/events");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("kind").asText()).isEqualTo("rolled_back");
    assertThat(last.get("actor").asText()).isEqualTo("system:lifecycle");
    assertThat(last.at("/evidence/gates/breaches").toString()).contains("max_drawdown");
    assertThat(last.at("/evidence/gates/max_drawdown/value").asDouble()).isGreaterThan(0.10);
    assertThat(r.at("/lifecycle/versions/1/role").asText()).isEqualTo("retired");
  }

  @Test
  void canaryPass_waitsForTheApproval_thenProd() {
    toCanary();
    assertError(post("promote", promote("prod")), 409, 40051); // gates not passed yet
    JsonNode r = successData(post("evaluate", "{" + LIVE_OK + "}"));
    assertThat(r.get("outcome").asText()).isEqualTo("pass");
    assertThat(r.at("/lifecycle/candidate/gates_passed").asBoolean()).isTrue();

    JsonNode filed = successData(post("promote", promote("prod")));
    assertThat(filed.at("/candidate/approval_id").asText()).isEqualTo("apr_test");
    assertThat(filed.get("stable_version").asText()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
    assertError(post("promote", promote("prod")), 409, 40051); // already waiting

    service.approveProd("baseline_rev", "baseline_rev-v2", "bob"); // the four-eyes action
    JsonNode prod = successData(api.get(BASE + "versions"));
    assertThat(prod.get("stable_version").asText()).isEqualTo("baseline_rev-v2");
    assertThat(prod.get("previous_stable_version").asText()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 20);

    JsonNode back = successData(post("rollback", "{\"reason\": \"worse live\"}"));
    assertThat(back.get("stable_version").asText()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }

  @Test
  void badInput_isAFieldNamedError_andChangesNothing() {
    successData(api.get(BASE + "versions"));
    int events = service.events("baseline_rev").size();
    assertError(post("versions", "{\"parameters\": {\"long_n\": 20}}"), 400, 40002);
    assertError(
        post("versions", "{\"parameters\": {\"long_n\": -2, \"colour\": 1}, \"reason\": \"r\"}"),
        400,
        40050);
    assertThat(post("versions", "{\"parameters\": {\"colour\": 1}, \"reason\": \"r\"}").body())
        .contains("colour");
    assertError(
        post(
            "versions",
            "{\"parameters\": {}, \"reason\": \"r\", \"optimiser_stats\": {\"a\": \"x\"}}"),
        400,
        40001);
    assertError(post("promote", promote("sideways")), 400, 40001);
    assertError(post("promote", "{\"stage\": \"shadow\", \"reason\": \"r\"}"), 400, 40002);
    assertError(post("promote", promote("shadow")), 404, 40440);
    assertError(post("rollback", "{\"reason\": \"r\"}"), 409, 40051);
    assertError(post("rollback", "{}"), 400, 40002);
    assertError(post("evaluate", "{" + LIVE_OK + "}"), 409, 40051);
    assertError(post("evaluate", "{" + LIVE_OK.replace("0.004,", "\"x\",") + "}"), 400, 40001);
    assertError(api.get("/api/v1/strategies/nope/versions"), 404, 40410);
    assertThat(service.events("baseline_rev")).hasSize(events);
    assertThat(service.versions("baseline_rev")).hasSize(1);

    toCanary();
    int before = service.events("baseline_rev").size();
    assertError(post("evaluate", "{" + LIVE_OK.replace("0.004,", "-1.5,") + "}"), 400, 40050);
    assertError(
        post("versions", "{\"parameters\": {\"long_n\": 5}, \"reason\": \"r\"}"), 409, 40051);
    assertThat(service.events("baseline_rev")).hasSize(before);
  }

  @Test
  void examplesAndLiveAnswers_matchTheOpenApiSchemas() {
    int checked =
        OpenApiChecks.everyRoute(
            api,
            p -> p.startsWith("/api/v1/strategies/"),
            r -> r.path().replace("{id}", "baseline_rev"),
            null);
    assertThat(checked).isEqualTo(5);
  }
}
