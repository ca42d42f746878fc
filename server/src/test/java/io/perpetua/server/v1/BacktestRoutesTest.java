package io.perpetua.server.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.JobStatus;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.jobs.ControlledRunner;
import io.perpetua.server.jobs.JobTestHarness;
import io.perpetua.server.jobs.JobTestHarness.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/backtest/*} against the shapes of spec 4.3, over HTTP. */
class BacktestRoutesTest {
  private static final String RUN = "/api/v1/backtest/run";
  private static final String BODY =
      """
      {"strategy_name": "baseline_rev", "parameters": {"long_n": 30, "short_n": 30},
       "start_date": "2024-01-01", "end_date": "2025-01-01", "fee_bps": 10,
       "rebalance_days": 1, "data_source": "dollar_bar"}
      """;

  private final JobTestHarness h =
      new JobTestHarness(
          harness ->
              List.<RouteGroup>of(
                  new BacktestRoutes(
                      harness.published::get, new BacktestRoutes.Defaults("1h", 10_000, 2))));

  @AfterEach
  void stop() {
    h.close();
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static void assertEnvelope(Response r, int status, int code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(fields(r.json())).containsExactly("code", "message", "data", "timestamp");
    assertThat(r.json().get("code").asInt()).as(r.body()).isEqualTo(code);
  }

  private String runOk() {
    Response r = h.bearer("POST", RUN, BODY);
    assertEnvelope(r, 200, 0);
    return r.json().at("/data/backtest_id").asText();
  }

  @Test
  void run_answersTheSpecShape_andQueuesTheRequest() {
    Response r = h.bearer("POST", RUN, BODY);
    assertEnvelope(r, 200, 0);
    JsonNode data = r.json().get("data");
    assertThat(fields(data)).containsExactly("backtest_id", "status", "submitted_at");
    assertThat(data.get("status").asText()).isEqualTo("running");
    assertThat(data.get("submitted_at").asText()).isEqualTo("2026-04-29T10:15:00Z");
    BacktestRequest req = h.store.find(data.get("backtest_id").asText()).orElseThrow().request();
    assertThat(req.strategy()).isEqualTo("baseline_rev");
    assertThat(req.parameters()).isEqualTo(Map.of("long_n", 30, "short_n", 30));
    assertThat(req.start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(req.end()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z")); // end_date included
    assertThat(req.feeBps()).isEqualTo(10);
    assertThat(req.rebalanceDays()).isEqualTo(1);
    assertThat(req.dataSource()).isEqualTo("dollar_bar");
    assertThat(req.symbols()).isEmpty();
    assertThat(req.capital()).isEqualTo(10_000);
    assertThat(req.timeframe()).isEqualTo("1h");
  }

  @Test
  void run_platformTimeframeTheDataCannotServe_is400BeforeAJobExists() {
    try (JobTestHarness fine =
        new JobTestHarness(
            harness ->
                List.<RouteGroup>of(
                    new BacktestRoutes(
                        harness.published::get, new BacktestRoutes.Defaults("1m", 10_000, 2))))) {
      Response r = fine.bearer("POST", RUN, BODY);
      assertEnvelope(r, 400, 40001);
      assertThat(r.json().get("message").asText())
          .startsWith("Invalid parameter 'timeframe': no 1m bars: the catalog holds 1h");
      assertThat(fine.store.list(BacktestRoutes.OWNER, Set.of(), null, 10)).isEmpty();
    }
  }

  @Test
  void optionalFields_takeTheSpecDefaults() {
    Response r =
        h.bearer(
            "POST",
            RUN,
            "{\"strategy_name\": \"baseline_rev\", \"start_date\": \"2024-01-01\","
                + " \"end_date\": \"2024-01-01\"}");
    assertEnvelope(r, 200, 0);
    BacktestRequest req =
        h.store.find(r.json().at("/data/backtest_id").asText()).orElseThrow().request();
    assertThat(req.feeBps()).isEqualTo(10);
    assertThat(req.dataSource()).isEqualTo("dollar_bar");
    assertThat(req.rebalanceDays()).isNull();
    assertThat(req.parameters()).isEmpty();
  }

  @Test
  void result_whileRunning_thenCompleted_inTheSpecShape() throws Exception {
    String id = runOk();
    ControlledRunner.Run run = h.runner.nextRun();
    Response running = h.bearer("GET", "/api/v1/backtest/" + id + "/result", null);
    assertEnvelope(running, 200, 0);
    JsonNode r = running.json().get("data");
    assertThat(fields(r))
        .containsExactly(
            "backtest_id",
            "status",
            "strategy_name",
            "parameters",
            "metrics",
            "nav_curve",
            "completed_at",
            "execution_time_seconds",
            "error",
            "activity");
    assertThat(r.get("status").asText()).isEqualTo("running");
    assertThat(r.get("metrics").isNull()).isTrue();
    assertThat(r.get("nav_curve").isNull()).isTrue();
    assertThat(r.get("completed_at").isNull()).isTrue();
    assertThat(r.get("activity").isNull()).isTrue();

    h.clock.set(h.clock.nowMillis() + 300_000);
    run.succeed();
    h.awaitEnded(id);
    JsonNode done = h.bearer("GET", "/api/v1/backtest/" + id + "/result", null).json().get("data");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("strategy_name").asText()).isEqualTo("baseline_rev");
    assertThat(done.get("parameters").toString())
        .isEqualTo(
            "{\"long_n\":30,\"short_n\":30,\"start_date\":\"2024-01-01\","
                + "\"end_date\":\"2025-01-01\",\"fee_bps\":10,\"rebalance_days\":1,"
                + "\"data_source\":\"dollar_bar\"}");
    JsonNode m = done.get("metrics");
    assertThat(fields(m))
        .containsExactly(
            "total_return",
            "annualized_return",
            "sharpe",
            "max_drawdown",
            "calmar",
            "avg_turnover",
            "total_trades",
            "win_rate");
    assertThat(m.get("sharpe").isNumber()).isTrue();
    assertThat(m.get("sharpe").asDouble()).isEqualTo(1.84);
    assertThat(m.get("annualized_return").asDouble()).isEqualTo(0.187);
    assertThat(m.get("max_drawdown").asDouble()).isEqualTo(-0.142);
    assertThat(m.get("total_trades").asInt()).isEqualTo(247);
    // one point per UTC day: the last equity of each day
    assertThat(done.get("nav_curve").toString())
        .isEqualTo(
            "[{\"date\":\"2025-01-01\",\"nav\":10010.0},{\"date\":\"2025-01-02\",\"nav\":10031.5}]");
    assertThat(done.get("completed_at").asText()).isEqualTo("2026-04-29T10:20:00Z");
    assertThat(done.get("execution_time_seconds").asLong()).isEqualTo(300);
    assertThat(done.get("error").isNull()).isTrue();
    // rejections by rule and skipped symbols (an addition to the spec)
    assertThat(done.get("activity").toString())
        .isEqualTo(
            "{\"rebalances\":1,\"orders_sent\":2,\"fills\":2,\"orders_rejected\":3,"
                + "\"rejections\":[{\"rule\":\"max_position_pct\",\"count\":3,"
                + "\"example\":\"position 0.33 of equity would exceed 0.15\"}],"
                + "\"skipped_symbols\":[{\"symbol\":\"ETHUSDT\","
                + "\"reason\":\"no 1h bars between X and Y\"}],\"idle_reason\":null,"
                + "\"halts\":[],\"skipped_rebalances\":[]}");
  }

  @Test
  void history_listsNewestFirst_withSharpeOnceCompleted() throws Exception {
    String first = runOk();
    h.runner.nextRun().succeed();
    h.awaitEnded(first);
    h.clock.set(h.clock.nowMillis() + 1000);
    String second = runOk();
    Response r = h.bearer("GET", "/api/v1/backtest/history", null);
    assertEnvelope(r, 200, 0);
    JsonNode items = r.json().at("/data/backtests");
    assertThat(fields(r.json().get("data"))).containsExactly("backtests");
    assertThat(items.findValuesAsText("backtest_id")).containsExactly(second, first);
    assertThat(fields(items.get(1)))
        .containsExactly(
            "backtest_id", "strategy_name", "status", "sharpe", "max_drawdown", "submitted_at");
    assertThat(items.get(1).get("status").asText()).isEqualTo("completed");
    assertThat(items.get(1).get("sharpe").asDouble()).isEqualTo(1.84);
    assertThat(items.get(0).get("status").asText()).isEqualTo("running");
    assertThat(items.get(0).get("sharpe").isNull()).isTrue();
    assertThat(
            h.bearer("GET", "/api/v1/backtest/history?limit=1", null)
                .json()
                .at("/data/backtests")
                .size())
        .isEqualTo(1);
  }

  @Test
  void badInput_isRejectedNamingTheField_andCreatesNoJob() {
    record Case(String body, int code, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                BODY.replace("baseline_rev", "invalid_name"),
                40001,
                "Strategy not found: invalid_name"),
            new Case(
                BODY.replace("\"long_n\"", "\"lung_n\""),
                40001,
                "'parameters': unknown parameter 'lung_n'"),
            new Case(BODY.replace("2024-01-01", "2024-1-1"), 40001, "'start_date'"),
            new Case(BODY.replace("2024-01-01", "2024-02-30"), 40001, "'start_date'"),
            new Case(BODY.replace("2025-01-01", "2023-12-31"), 40001, "'end_date'"),
            new Case(BODY.replace("\"fee_bps\": 10", "\"fee_bps\": 101"), 40001, "'fee_bps'"),
            new Case(BODY.replace("\"fee_bps\": 10", "\"fee_bps\": -1"), 40001, "'fee_bps'"),
            new Case(BODY.replace("\"fee_bps\": 10", "\"fee_bps\": \"10\""), 40001, "fee_bps"),
            new Case(BODY.replace("\"fee_bps\": 10", "\"fee_bps\": 10.5"), 40001, "fee_bps"),
            new Case(
                BODY.replace("\"rebalance_days\": 1", "\"rebalance_days\": 0"),
                40001,
                "'rebalance_days'"),
            new Case(BODY.replace("dollar_bar", "tick"), 40001, "'data_source'"),
            new Case(
                BODY.replace("\"strategy_name\": \"baseline_rev\",", ""), 40002, "'strategy_name'"),
            new Case(BODY.replace("\"end_date\": \"2025-01-01\",", ""), 40002, "'end_date'"),
            new Case(BODY.replace("\"fee_bps\"", "\"fees\""), 40001, "Unknown field 'fees'"),
            new Case("[1]", 40003, "JSON object"));
    for (Case c : cases) {
      Response r = h.bearer("POST", RUN, c.body());
      assertEnvelope(r, 400, c.code());
      assertThat(r.json().get("message").asText()).as(c.toString()).contains(c.message());
      assertThat(r.json().get("data").isNull()).isTrue();
    }
    assertThat(h.store.list(BacktestRoutes.OWNER, Set.of(), null, 100)).isEmpty();
  }

  @Test
  void rateLimit_isTheSixthActiveBacktest() {
    for (int i = 0; i < 5; i++) {
      runOk();
    }
    Response r = h.bearer("POST", RUN, BODY);
    assertEnvelope(r, 429, 40006);
    assertThat(h.store.countActive(BacktestRoutes.OWNER)).isEqualTo(5);
  }

  @Test
  void unknownBacktest_isNotFound_andTheTokenIsRequired() {
    assertEnvelope(
        h.bearer("GET", "/api/v1/backtest/bt_0000000000000000/result", null), 404, 40401);
    Response anonymous = h.send("POST", RUN, Map.of("Content-Type", "application/json"), BODY);
    assertEnvelope(anonymous, 401, 40101);
    assertThat(h.store.list(BacktestRoutes.OWNER, Set.of(), null, 10)).isEmpty();
  }

  @Test
  void failedAndCancelledJobs_mapToTheirStatuses() throws Exception {
    String id = runOk();
    h.runner
        .nextRun()
        .finish(
            () -> {
              throw new IllegalArgumentException("no dollar bars before 2024-03-01");
            });
    h.awaitEnded(id);
    JsonNode failed =
        h.bearer("GET", "/api/v1/backtest/" + id + "/result", null).json().get("data");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText()).isEqualTo("no dollar bars before 2024-03-01");
    assertThat(BacktestRoutes.status(JobStatus.CANCELLED)).isEqualTo("cancelled");
    assertThat(BacktestRoutes.status(JobStatus.QUEUED)).isEqualTo("running");
  }
}
