package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three strategies in one paper platform ({@code active_mode: ensemble}) on the real hourly data
 * (synthetic when absent): all three decide and are visible through the API with their virtual
 * books, the V2 shapes answer, toggling one off keeps its history, a change request waits for a
 * second person (four-eyes), and bad input changes nothing.
 */
class PlatformStrategiesTest {
  private static final String TOKEN = "strategies-test-token-0123456789";
  private static final String CONFIG =
      """
      active_mode: ensemble
      strategies:
        baseline_rev:
          ensemble_weight: 0.3
        rev_2h:
          type: rank_long_short
          pool: default
          rebalance_cron: "59 23 * * *"
          rebalance_days: 1
          ensemble_weight: 0.3
          display_name: "Reversal 2h"
          parameters: {features: [zscore_neg_ret_2h], long_n: 10, short_n: 10}
        mom_24h:
          type: rank_long_short
          pool: default
          rebalance_cron: "59 23 * * *"
          rebalance_days: 2
          ensemble_weight: 0.4
          parameters: {features: [zscore_ret_24h], long_n: 15, short_n: 15}
      """;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;

  private JsonNode call(int port, String method, String path, String body) throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return json.readTree(http.send(req.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonNode await(int port, String path, Predicate<JsonNode> done) throws Exception {
    long end = System.currentTimeMillis() + 90_000;
    JsonNode last = null;
    while (System.currentTimeMillis() < end) {
      last = call(port, "GET", path, null);
      if (last.get("code").asInt() == 0 && done.test(last.get("data"))) {
        return last.get("data");
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not reached at " + path + ": " + last);
  }

  @Test
  void threeStrategies_runTogether_visibleThroughApi_controlledChanges() throws Exception {
    Path file = dataDir.resolve("perpetua.yaml");
    Files.writeString(file, CONFIG);
    PerpetuaConfig config = ConfigLoader.load(file, Map.of("PERPETUA_PORT", "0"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Platform p =
        Platform.start(
            config,
            dataDir.resolve("data"),
            SharedData.root(),
            Map.of("PERPETUA_API_TOKEN", TOKEN),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            36_000)) {
      int port = p.port();
      allThreeVisible(port);
      capitalAllocation(port);
      toggleOff(port);
      changeWaitsForASecondPerson(port);
    }
  }

  private void allThreeVisible(int port) throws Exception {
    JsonNode list =
        await(
            port,
            "/api/v1/strategy/list",
            d -> {
              for (JsonNode s : d.get("strategies")) {
                boolean active = "active".equals(s.get("status").asText());
                if (active
                    && (s.get("last_signal_time").isNull() || s.get("performance").isNull())) {
                  return false;
                }
              }
              return true;
            });
    assertThat(list.get("active_mode").asText()).isEqualTo("ensemble");
    assertThat(list.get("ensemble_method").asText()).isEqualTo("weighted_average");
    assertThat(list.get("active_strategies")).hasSize(3);
    assertThat(strategy(list, "rev_2h").get("display_name").asText()).isEqualTo("Reversal 2h");

    JsonNode latest = await(port, "/api/v1/signals/latest", d -> true);
    assertThat(latest.get("mode").asText()).isEqualTo("ensemble");
    assertThat(latest.get("per_strategy_signals")).hasSize(3);
    JsonNode orders = await(port, "/api/v1/orders/history", d -> d.get("items").size() > 0);
    assertThat(orders.get("items").get(0).get("strategy_name").asText()).isEqualTo("ensemble");
    JsonNode coverage = await(port, "/api/v1/signals/coverage?start_date=2015-01-01", d -> true);
    assertThat(coverage.get("daily_coverage").size()).isPositive();
  }

  private void capitalAllocation(int port) throws Exception {
    JsonNode jobs = await(port, "/api/v1/orchestrator/jobs", d -> d.get("jobs").size() == 11);
    assertThat(jobs.findValuesAsText("name"))
        .contains("bandit_rebalance", "walk_forward", "flow_evolution", "flow_reweight");
    JsonNode noDryRun = call(port, "POST", "/api/v1/flow/evolution/run", "{}");
    assertThat(noDryRun.get("code").asInt()).isEqualTo(40002);
    assertThat(noDryRun.get("message").asText()).contains("dry_run");
    JsonNode bad = call(port, "POST", "/api/v1/alloc/rebalance", "{\"mode\":\"all_in\"}");
    assertThat(bad.get("code").asInt()).isEqualTo(40001);
    assertThat(bad.get("message").asText()).contains("mode");
    JsonNode step = call(port, "POST", "/api/v1/alloc/rebalance", "{\"mode\":\"bandit\"}");
    assertThat(step.get("code").asInt()).as(step.toString()).isZero();
    JsonNode data = step.get("data");
    assertThat(data.get("weights")).hasSize(3);
    assertThat(data.get("moved").asDouble()).isLessThanOrEqualTo(0.05 + 1e-12);
    JsonNode current = call(port, "GET", "/api/v1/allocation", null).get("data");
    assertThat(current.get("step_id").asLong()).isEqualTo(data.get("step_id").asLong());
    assertThat(current.get("configured").asBoolean()).isFalse();
    JsonNode audit =
        call(port, "GET", "/api/v1/audit?action=allocation.rebalance", null).get("data");
    assertThat(audit.toString()).contains("allocation.rebalance");
  }

  /** The entry of strategy {@code name} in a strategy list. */
  private static JsonNode strategy(JsonNode list, String name) {
    for (JsonNode s : list.get("strategies")) {
      if (name.equals(s.get("name").asText())) {
        return s;
      }
    }
    throw new AssertionError("no strategy " + name + " in " + list);
  }

  private void toggleOff(int port) throws Exception {
    // toggle: bad input first (nothing changes), then off
    assertThat(
            call(
                    port,
                    "POST",
                    "/api/v1/strategy/rev_2h/toggle",
                    "{\"action\":\"deactivate\",\"confirm\":true}")
                .get("code")
                .asInt())
        .isEqualTo(40031);
    JsonNode off =
        call(
            port,
            "POST",
            "/api/v1/strategy/rev_2h/toggle",
            "{\"action\":\"deactivate\",\"confirm\":true,\"reason\":\"review\"}");
    assertThat(off.get("data").get("new_status").asText()).isEqualTo("inactive");
    JsonNode after = call(port, "GET", "/api/v1/strategy/list", null).get("data");
    assertThat(after.get("active_strategies")).hasSize(2);
    assertThat(strategy(after, "rev_2h").get("performance").isNull()).as("history kept").isFalse();
  }

  private void changeWaitsForASecondPerson(int port) throws Exception {
    // a change request waits for a second person
    assertThat(
            call(
                    port,
                    "POST",
                    "/api/v1/strategy/nope/config",
                    "{\"parameters\":{\"long_n\":5},\"reason\":\"x\"}")
                .get("code")
                .asInt())
        .isEqualTo(40410);
    JsonNode bad =
        call(
            port,
            "POST",
            "/api/v1/strategy/baseline_rev/config",
            "{\"parameters\":{\"long_n\":-1,\"colour\":1},\"reason\":\"x\"}");
    assertThat(bad.get("code").asInt()).isEqualTo(40030);
    assertThat(bad.get("message").asText()).contains("long_n").contains("colour");
    JsonNode cr =
        call(
                port,
                "POST",
                "/api/v1/strategy/baseline_rev/config",
                "{\"parameters\":{\"long_n\":20},\"reason\":\"fewer\"}")
            .get("data");
    assertThat(cr.get("status").asText()).isEqualTo("pending_review");
    JsonNode approvals = call(port, "GET", "/api/v1/approvals?status=pending", null);
    String approvalId = approvals.get("data").findValuesAsText("request_id").get(0);
    JsonNode self =
        call(port, "POST", "/api/v1/approvals/" + approvalId + "/approve", "{\"reason\":\"ok\"}");
    assertThat(self.get("code").asInt()).isEqualTo(40116);
    JsonNode config = call(port, "GET", "/api/v1/strategy/baseline_rev/config", null);
    assertThat(config.get("data").get("parameters").get("long_n").asInt()).isEqualTo(30);
    assertThat(config.get("data").get("config_version").asText()).isEqualTo("v1");
    JsonNode history =
        call(port, "GET", "/api/v1/strategy/baseline_rev/config/history", null).get("data");
    assertThat(history.get("changes").get(0).get("status").asText()).isEqualTo("pending_review");
  }
}
