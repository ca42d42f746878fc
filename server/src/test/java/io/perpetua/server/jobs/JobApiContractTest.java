package io.perpetua.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobStatus;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.jobs.JobTestHarness.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signed job API against the shapes of spec 004, over HTTP. */
class JobApiContractTest {
  private static final String JOBS = "/v1/backtest/jobs";
  private static final String BODY =
      """
      {"template_id": "tpl_grid",
       "params": {"grid_levels": 8, "upper_price": "72000", "lower_price": "60000"},
       "symbols": ["BTCUSDT"], "timeframe": "1h",
       "start": "2025-01-01T00:00:00Z", "end": "2025-03-31T23:59:59Z",
       "capital": "10000.00", "leverage": 1, "fee_model": "fixed_bps", "fee_bps": "5"}
      """;
  private static final List<String> JOB_FIELDS =
      List.of(
          "id",
          "status",
          "config",
          "submitted_at",
          "started_at",
          "finished_at",
          "progress",
          "result",
          "error");

  private final JobTestHarness h =
      new JobTestHarness(
          harness ->
              List.<RouteGroup>of(new JobRoutes(harness.published::get, harness.verifier(), 0)));
  private final ApiKeys.Issued alice = h.keys.create("alice");
  private final ApiKeys.Issued bob = h.keys.create("bob");

  @AfterEach
  void stop() {
    h.close();
  }

  private Response submit(ApiKeys.Issued key, String body) {
    return h.signed(key, "POST", JOBS, body);
  }

  private String submitOk() {
    Response r = submit(alice, BODY);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("id").asText();
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void submit_answersTheQueuedJob_asABareObject_echoingTheConfig() throws Exception {
    Response r = submit(alice, BODY);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode job = r.json();
    assertThat(fields(job)).containsExactlyElementsOf(JOB_FIELDS);
    assertThat(job.has("code")).isFalse(); // no envelope
    assertThat(job.get("id").asText()).matches("bt_[0-9a-f]{16}");
    assertThat(job.get("status").asText()).isEqualTo("queued");
    assertThat(job.get("config")).isEqualTo(new ObjectMapper().readTree(BODY));
    assertThat(job.get("submitted_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(job.get("started_at").isNull()).isTrue();
    assertThat(job.get("finished_at").isNull()).isTrue();
    assertThat(job.get("progress").asDouble()).isZero();
    assertThat(job.get("result").isNull()).isTrue();
    assertThat(job.get("error").isNull()).isTrue();
    BacktestJob stored = h.store.find(job.get("id").asText()).orElseThrow();
    assertThat(stored.owner()).isEqualTo("alice");
    assertThat(stored.apiKeyId()).isEqualTo(alice.key().keyId());
    assertThat(stored.request().capital()).isEqualTo(10_000);
    assertThat(stored.request().feeBps()).isEqualTo(5);
    assertThat(stored.request().makerFeeBps()).isEqualTo(5);
    assertThat(stored.request().dataSource()).isEqualTo("kline");
  }

  @Test
  void defaults_areFilledIn_andEchoed() {
    Response r =
        submit(
            alice,
            """
            {"template_id": "baseline_rev", "symbols": ["BTCUSDT", "ETHUSDT"], "timeframe": "4h",
             "start": "2025-01-01T00:00:00Z", "end": "2025-02-01T00:00:00Z", "capital": "500"}
            """);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonNode config = r.json().get("config");
    assertThat(config.get("params").size()).isZero();
    assertThat(config.get("leverage").asInt()).isEqualTo(1);
    assertThat(config.get("fee_model").asText()).isEqualTo("fixed_bps");
    assertThat(config.get("fee_bps").asText()).isEqualTo("5");
  }

  @Test
  void polling_showsRunningWithProgress_thenDoneWithTheResultInDecimalStrings() throws Exception {
    String id = submitOk();
    ControlledRunner.Run run = h.runner.nextRun();
    run.progress.accept(0.45);
    JsonNode running = h.signed(alice, "GET", JOBS + "/" + id, null).json();
    assertThat(fields(running)).containsExactlyElementsOf(JOB_FIELDS);
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("progress").asDouble()).isEqualTo(0.45);
    assertThat(running.get("started_at").isTextual()).isTrue();
    assertThat(running.get("result").isNull()).isTrue();

    run.succeed();
    h.awaitEnded(id);
    JsonNode done = h.signed(alice, "GET", JOBS + "/" + id, null).json();
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(done.get("finished_at").isTextual()).isTrue();
    JsonNode result = done.get("result");
    assertThat(fields(result))
        .containsExactly("metrics", "activity", "equity_curve", "trades", "output_purged_at");
    assertThat(result.at("/activity/rejections/0/rule").asText()).isEqualTo("max_position_pct");
    assertThat(result.at("/activity/orders_rejected").asInt()).isEqualTo(3);
    assertThat(result.at("/activity/skipped_symbols/0/symbol").asText()).isEqualTo("ETHUSDT");
    assertThat(result.at("/activity/idle_reason").isNull()).isTrue();
    JsonNode m = result.get("metrics");
    assertThat(fields(m))
        .containsExactly(
            "sharpe",
            "sortino",
            "calmar",
            "max_drawdown",
            "win_rate",
            "profit_factor",
            "cagr",
            "expected_value",
            "total_trades",
            "avg_trade_duration_seconds");
    assertThat(m.get("sharpe").asText()).isEqualTo("1.84");
    assertThat(m.get("sharpe").isTextual()).isTrue();
    assertThat(m.get("max_drawdown").asText()).isEqualTo("-0.142");
    assertThat(m.get("win_rate").asText()).isEqualTo("0.638");
    assertThat(m.get("cagr").asText()).isEqualTo("0.187");
    assertThat(m.get("expected_value").asText()).isEqualTo("12.43");
    assertThat(m.get("profit_factor").isNull()).isTrue(); // infinite: no losing trade
    assertThat(m.get("total_trades").isInt()).isTrue();
    assertThat(m.get("total_trades").asInt()).isEqualTo(247);
    assertThat(m.get("avg_trade_duration_seconds").asLong()).isEqualTo(14_820);
    assertThat(result.get("equity_curve").toString())
        .isEqualTo(
            "[[\"2025-01-01T00:00:00Z\",\"10000.00\"],[\"2025-01-01T01:00:00Z\",\"10010.00\"],"
                + "[\"2025-01-02T00:00:00Z\",\"10031.50\"]]");
    JsonNode trade = result.at("/trades/0");
    assertThat(trade.get("symbol").asText()).isEqualTo("BTCUSDT");
    assertThat(trade.get("entry_price").asText()).isEqualTo("94000");
    assertThat(trade.get("exit_price").asText()).isEqualTo("94315.5");
    assertThat(trade.get("net_pnl").asText()).isEqualTo("30.55");
    assertThat(trade.get("entry_time").asText()).isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void afterTheRetention_curveAndTradesAreNull_metricsStay() throws Exception {
    String id = submitOk();
    h.runner.nextRun().succeed();
    h.awaitEnded(id);
    h.clock.set(h.clock.nowMillis() + Duration.ofDays(91).toMillis());
    assertThat(h.jobs.purgeExpired()).isEqualTo(1);
    JsonNode result = h.signed(alice, "GET", JOBS + "/" + id, null).json().get("result");
    assertThat(result.get("equity_curve").isNull()).isTrue();
    assertThat(result.get("trades").isNull()).isTrue();
    assertThat(result.get("output_purged_at").isTextual()).isTrue();
    assertThat(result.at("/metrics/sharpe").asText()).isEqualTo("1.84");
  }

  @Test
  void failedJob_carriesTheReason() throws Exception {
    String id = submitOk();
    h.runner
        .nextRun()
        .finish(
            () -> {
              throw new IllegalArgumentException("no data for BTCUSDT before 2025-02-01");
            });
    h.awaitEnded(id);
    JsonNode job = h.signed(alice, "GET", JOBS + "/" + id, null).json();
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("error").asText()).isEqualTo("no data for BTCUSDT before 2025-02-01");
    assertThat(job.get("result").isNull()).isTrue();
  }

  @Test
  void sixthActiveJob_isRateLimited_withoutCreatingIt() {
    for (int i = 0; i < 5; i++) {
      submitOk();
    }
    Response r = submit(alice, BODY);
    assertThat(r.status()).isEqualTo(429);
    assertThat(fields(r.json())).containsExactly("error");
    assertThat(r.errorCode()).isEqualTo("RATE_LIMITED");
    assertThat(r.errorMessage()).contains("At most 5");
    assertThat(h.store.countActive("alice")).isEqualTo(5);
    assertThat(submit(bob, BODY).status()).isEqualTo(202);
  }

  @Test
  void cancel_queuedAtOnce_runningOnRequest_finishedIsAConflict() throws Exception {
    String running = submitOk();
    ControlledRunner.Run run = h.runner.nextRun();
    String queued = submitOk();

    Response c = h.signed(alice, "POST", JOBS + "/" + queued + "/cancel", null);
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.json().get("status").asText()).isEqualTo("cancelled");
    assertThat(h.signed(alice, "POST", JOBS + "/" + queued + "/cancel", null).status())
        .isEqualTo(200);

    Response r = h.signed(alice, "POST", JOBS + "/" + running + "/cancel", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("running");
    assertThat(h.awaitEnded(running).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(run.request.strategy()).isEqualTo("tpl_grid");

    String done = submitOk();
    h.runner.nextRun().succeed();
    h.awaitEnded(done);
    Response conflict = h.signed(alice, "POST", JOBS + "/" + done + "/cancel", null);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.errorCode()).isEqualTo("CONFLICT");
    assertThat(conflict.errorMessage()).contains("already done");
  }

  @Test
  void otherUsersJobs_andUnknownIds_areNotFound() {
    String id = submitOk();
    for (Response r :
        List.of(
            h.signed(bob, "GET", JOBS + "/" + id, null),
            h.signed(bob, "POST", JOBS + "/" + id + "/cancel", null),
            h.signed(alice, "GET", JOBS + "/bt_0000000000000000", null))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
    }
    assertThat(h.signed(bob, "GET", JOBS, null).json().get("jobs").size()).isZero();
    assertThat(h.status(id)).isNotEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void list_filtersByStatus_andPagesWithACursor() throws Exception {
    String a = submitOk();
    h.runner.nextRun().succeed();
    h.awaitEnded(a);
    String b = submitOk();
    h.runner.nextRun();
    String c = submitOk();

    JsonNode all = h.signed(alice, "GET", JOBS, null).json();
    assertThat(fields(all)).containsExactly("jobs", "next_cursor");
    assertThat(all.get("jobs").findValuesAsText("id")).containsExactly(c, b, a);
    assertThat(all.get("next_cursor").isNull()).isTrue();
    JsonNode first = all.at("/jobs/2");
    assertThat(first.at("/metrics/sharpe").asText()).isEqualTo("1.84");
    assertThat(first.has("result")).isFalse();

    JsonNode done = h.signed(alice, "GET", JOBS + "?status=done", null).json();
    assertThat(done.get("jobs").findValuesAsText("id")).containsExactly(a);
    JsonNode page = h.signed(alice, "GET", JOBS + "?limit=2", null).json();
    assertThat(page.get("jobs").findValuesAsText("id")).containsExactly(c, b);
    assertThat(page.get("next_cursor").asText()).isEqualTo(b);
    JsonNode next = h.signed(alice, "GET", JOBS + "?limit=2&cursor=" + b, null).json();
    assertThat(next.get("jobs").findValuesAsText("id")).containsExactly(a);

    Response bad = h.signed(alice, "GET", JOBS + "?status=finished", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("INVALID_PARAMETER");
    assertThat(bad.errorMessage()).contains("'status'");
    Response unknownCursor = h.signed(alice, "GET", JOBS + "?cursor=bt_0000000000000000", null);
    assertThat(unknownCursor.status()).isEqualTo(400);
    assertThat(unknownCursor.errorMessage()).contains("'cursor'");
  }

  @Test
  void badInput_isRejectedNamingTheField_andCreatesNoJob() {
    record Case(String body, int status, String code, String message) {}
    List<Case> cases =
        List.of(
            new Case(BODY.replace("tpl_grid", "tpl_nope"), 400, "INVALID_PARAMETER", "template_id"),
            new Case(
                BODY.replace("\"grid_levels\"", "\"grid_lvls\""),
                400,
                "INVALID_PARAMETER",
                "unknown parameter 'grid_lvls'"),
            new Case(
                BODY.replace("\"grid_levels\": 8", "\"grid_levels\": 1"),
                400,
                "INVALID_PARAMETER",
                "grid_levels"),
            new Case(
                BODY.replace("2025-01-01T00:00:00Z", "2025-01-01"),
                400,
                "INVALID_PARAMETER",
                "'start'"),
            new Case(
                BODY.replace("2025-03-31T23:59:59Z", "yesterday"),
                400,
                "INVALID_PARAMETER",
                "'end'"),
            new Case(
                BODY.replace("2025-03-31T23:59:59Z", "2024-12-31T00:00:00Z"),
                400,
                "INVALID_PARAMETER",
                "'end': end must be after start"),
            new Case(BODY.replace("\"10000.00\"", "\"0\""), 400, "INVALID_PARAMETER", "'capital'"),
            new Case(BODY.replace("\"10000.00\"", "\"-5\""), 400, "INVALID_PARAMETER", "'capital'"),
            new Case(
                BODY.replace("\"10000.00\"", "\"1e4\""), 400, "INVALID_PARAMETER", "'capital'"),
            new Case(
                BODY.replace("\"10000.00\"", "10000"),
                400,
                "INVALID_PARAMETER",
                "Invalid field 'capital': expected a string"),
            new Case(
                BODY.replace("\"leverage\": 1", "\"leverage\": 0"),
                400,
                "INVALID_PARAMETER",
                "'leverage'"),
            new Case(
                BODY.replace("\"leverage\": 1", "\"leverage\": 126"),
                400,
                "INVALID_PARAMETER",
                "'leverage'"),
            new Case(
                BODY.replace("\"leverage\": 1", "\"leverage\": 1.5"),
                400,
                "INVALID_PARAMETER",
                "leverage"),
            new Case(
                BODY.replace("\"fee_bps\": \"5\"", "\"fee_bps\": \"101\""),
                400,
                "INVALID_PARAMETER",
                "'fee_bps'"),
            new Case(
                BODY.replace("\"fee_bps\": \"5\"", "\"fee_bps\": \"-1\""),
                400,
                "INVALID_PARAMETER",
                "'fee_bps'"),
            new Case(BODY.replace("fixed_bps", "tiered"), 400, "INVALID_PARAMETER", "'fee_model'"),
            new Case(
                BODY.replace("[\"BTCUSDT\"]", "[\"DOGEUSDT\"]"),
                400,
                "INVALID_PARAMETER",
                "unknown symbol 'DOGEUSDT'"),
            new Case(BODY.replace("[\"BTCUSDT\"]", "[]"), 400, "INVALID_PARAMETER", "'symbols'"),
            new Case(
                BODY.replace("[\"BTCUSDT\"]", "[\"btc/usdt\"]"),
                400,
                "INVALID_PARAMETER",
                "'symbols[0]'"),
            new Case(BODY.replace("\"1h\"", "\"7h\""), 400, "INVALID_PARAMETER", "'timeframe'"),
            // valid codes the market data cannot serve: refused before a job exists
            new Case(
                BODY.replace("\"1h\"", "\"1m\""),
                400,
                "INVALID_PARAMETER",
                "Invalid parameter 'timeframe': no 1m bars: the catalog holds 1h;"
                    + " servable timeframes: 1h, 4h, 1d"),
            new Case(
                BODY.replace("\"1h\"", "\"15m\""),
                400,
                "INVALID_PARAMETER",
                "'timeframe': no 15m bars"),
            new Case(
                BODY.replace("\"template_id\": \"tpl_grid\",", ""),
                400,
                "MISSING_PARAMETER",
                "'template_id'"),
            new Case(
                BODY.replace("\"timeframe\": \"1h\"", "\"timeframe\": \"1h\", \"colour\": 1"),
                400,
                "INVALID_PARAMETER",
                "Unknown field 'colour'"),
            new Case("{\"template_id\": ", 400, "MALFORMED_BODY", "Malformed JSON"),
            new Case("", 400, "MALFORMED_BODY", "body is required"));
    for (Case c : cases) {
      Response r = submit(alice, c.body());
      assertThat(r.status()).as(c.toString() + " -> " + r.body()).isEqualTo(c.status());
      assertThat(r.errorCode()).as(c.toString()).isEqualTo(c.code());
      assertThat(r.errorMessage()).as(c.toString()).contains(c.message());
    }
    assertThat(h.store.list("alice", Set.of(), null, 100)).isEmpty();
    assertThat(h.runner.started).isEmpty();
  }

  @Test
  void unsignedOrBearerRequests_areRejectedWithTheSignatureChallenge() {
    Response none = h.send("GET", JOBS, Map.of(), null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.errorCode()).isEqualTo("MISSING_SIGNATURE");
    assertThat(none.header("WWW-Authenticate"))
        .isEqualTo("Perpetua-HMAC-SHA256 realm=\"perpetua\"");
    Response bearer = h.bearer("POST", JOBS, BODY);
    assertThat(bearer.status()).isEqualTo(401);
    assertThat(bearer.errorCode()).isEqualTo("MISSING_SIGNATURE");
    assertThat(h.store.list("alice", Set.of(), null, 10)).isEmpty();
  }

  @Test
  void signedOverHttp_replayAndTamperingFail() {
    String ts = String.valueOf(h.clock.nowMillis() / 1000);
    String sig = RequestSigning.sign(alice.secret(), ts, "GET", JOBS + "?limit=5", new byte[0]);
    Map<String, String> headers =
        Map.of(
            SignatureVerifier.KEY_HEADER,
            alice.key().keyId(),
            SignatureVerifier.TIMESTAMP_HEADER,
            ts,
            SignatureVerifier.SIGNATURE_HEADER,
            sig);
    assertThat(h.send("GET", JOBS + "?limit=5", headers, null).status()).isEqualTo(200);
    Response replay = h.send("GET", JOBS + "?limit=5", headers, null);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.errorCode()).isEqualTo("REPLAYED_REQUEST");
    Response tampered = h.send("GET", JOBS + "?limit=6", headers, null);
    assertThat(tampered.status()).isEqualTo(401);
    assertThat(tampered.errorCode()).isEqualTo("INVALID_SIGNATURE");
  }

  @Test
  void unknownRoutesUnderV1_answerInTheBareStyle() {
    Response r = h.signed(alice, "GET", "/v1/backtest/nothing", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("UNKNOWN_ROUTE");
    Response method = h.signed(alice, "DELETE", JOBS, null);
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(h.bearer("GET", "/api/v1/nothing", null).json().get("code").asInt())
        .isEqualTo(40400);
  }

  @Test
  void serviceNotStartedYet_is503() {
    try (JobTestHarness early =
        new JobTestHarness(
            harness -> List.<RouteGroup>of(new JobRoutes(() -> null, harness.verifier(), 0)))) {
      ApiKeys.Issued key = early.keys.create("alice");
      Response r = early.signed(key, "POST", JOBS, BODY);
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
    }
  }

  @Test
  void openApi_documentsTheSignedBareRoutes() {
    JsonNode doc = h.send("GET", "/openapi.json", Map.of(), null).json();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    assertThat(new OpenAPIV3Parser().readContents(doc.toString(), null, options).getMessages())
        .isEmpty();
    for (String header :
        List.of(
            SignatureVerifier.KEY_HEADER,
            SignatureVerifier.TIMESTAMP_HEADER,
            SignatureVerifier.SIGNATURE_HEADER)) {
      JsonNode scheme = doc.at("/components/securitySchemes/" + header);
      assertThat(scheme.get("type").asText()).isEqualTo("apiKey");
      assertThat(scheme.get("in").asText()).isEqualTo("header");
    }
    JsonNode post = doc.at("/paths/~1v1~1backtest~1jobs/post");
    assertThat(post.at("/security/0").size()).isEqualTo(3);
    assertThat(post.at("/security/0/bearerAuth").isMissingNode()).isTrue();
    JsonNode ok = post.at("/responses/202/content/application~1json");
    assertThat(ok.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/JobView");
    assertThat(ok.at("/example/status").asText()).isEqualTo("queued");
    assertThat(post.at("/responses/429/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/ErrorObject");
    assertThat(
            post.at("/responses/401/content/application~1json/examples/STALE_TIMESTAMP")
                .at("/value/error/code")
                .asText())
        .isEqualTo("STALE_TIMESTAMP");
    assertThat(doc.at("/paths/~1v1~1backtest~1jobs~1{job_id}~1cancel/post").isObject()).isTrue();
    assertThat(doc.at("/paths/~1v1~1backtest~1jobs~1{job_id}/get").isObject()).isTrue();
    assertThat(doc.at("/components/schemas/JobBody/required").toString())
        .isEqualTo("[\"template_id\",\"symbols\",\"timeframe\",\"start\",\"end\",\"capital\"]");
  }
}
