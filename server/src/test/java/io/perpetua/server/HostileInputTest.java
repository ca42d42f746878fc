package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.server.jobs.JobRoutes;
import io.perpetua.server.jobs.JobTestHarness;
import io.perpetua.server.jobs.JobTestHarness.Response;
import io.perpetua.server.v1.BacktestRoutes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed and hostile input on both APIs (the {@code /api/v1} envelope and the {@code /v1} job
 * API's bare errors): never a 500, the code always of the status sent, the API's own format, and
 * client input echoed only up to 64 characters.
 */
class HostileInputTest {
  private static final String RUN = "/api/v1/backtest/run";
  private static final String JOBS = "/v1/backtest/jobs";
  private static final String RUN_BODY =
      """
      {"strategy_name": "baseline_rev", "parameters": %s,
       "start_date": "2024-01-01", "end_date": "2024-02-01"%s}
      """;
  private static final String JOB_BODY =
      """
      {"template_id": "baseline_rev", "params": %s, "symbols": ["BTCUSDT"], "timeframe": "%s",
       "start": "2025-01-01T00:00:00Z", "end": "2025-02-01T00:00:00Z", "capital": "500"}
      """;

  private final JobTestHarness h =
      new JobTestHarness(
          harness ->
              List.<RouteGroup>of(
                  new BacktestRoutes(
                      harness.published::get, new BacktestRoutes.Defaults("1h", 10_000, 2)),
                  new JobRoutes(harness.published::get, harness.verifier(), 0)));
  private final ApiKeys.Issued alice = h.keys.create("alice");

  @AfterEach
  void stop() {
    h.close();
  }

  private static void assertEnvelope(Response r, int status, int code, String... contains) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("code").asInt()).as(r.body()).isEqualTo(code);
    assertThat(r.json().get("message").asText()).contains(contains);
  }

  private static void assertBare(Response r, int status, String code, String... contains) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().size()).as(r.body()).isEqualTo(1);
    assertThat(r.json().at("/error/code").asText()).as(r.body()).isEqualTo(code);
    assertThat(r.json().at("/error/message").asText()).contains(contains);
  }

  @Test
  void literalNullBody_is400_40003_notA500_inEachApisFormat() {
    assertEnvelope(h.bearer("POST", RUN, "null"), 400, 40003, "JSON object");
    assertBare(h.signed(alice, "POST", JOBS, " null "), 400, "MALFORMED_BODY", "JSON object");
  }

  @Test
  void nullParameterValue_is400_namingTheParameter_notA500() {
    assertEnvelope(
        h.bearer("POST", RUN, RUN_BODY.formatted("{\"long_n\": null}", "")), 400, 40001, "long_n");
    assertBare(
        h.signed(alice, "POST", JOBS, JOB_BODY.formatted("{\"long_n\": null}", "1h")),
        400,
        "INVALID_PARAMETER",
        "long_n");
    assertThat(h.store.list(BacktestRoutes.OWNER, Set.of(), null, 10)).isEmpty();
    assertThat(h.store.list("alice", Set.of(), null, 10)).isEmpty();
  }

  @Test
  void loneSurrogateInAStrategyParameter_is400_namingTheParameter_andCreatesNoJob() {
    assertEnvelope(
        h.bearer("POST", RUN, RUN_BODY.formatted("{\"label\": \"a\\ud800\"}", "")),
        400,
        40001,
        "label");
    assertBare(
        h.signed(alice, "POST", JOBS, JOB_BODY.formatted("{\"\\udc00\": 1}", "1h")),
        400,
        "INVALID_PARAMETER",
        "lone surrogate");
    assertThat(h.store.list(BacktestRoutes.OWNER, Set.of(), null, 10)).isEmpty();
    assertThat(h.store.list("alice", Set.of(), null, 10)).isEmpty();
  }

  @Test
  void hugeInput_isEchoedOnlyUpTo64Characters() {
    String huge = "q".repeat(100_000);
    Response run =
        h.bearer("POST", RUN, RUN_BODY.formatted("{}", ", \"data_source\": \"" + huge + "\""));
    assertEnvelope(run, 400, 40001, "data_source", "q".repeat(64) + "...");
    assertThat(run.body()).doesNotContain("q".repeat(65)).hasSizeLessThan(1_000);

    Response job = h.signed(alice, "POST", JOBS, JOB_BODY.formatted("{}", huge));
    assertBare(job, 400, "INVALID_PARAMETER", "timeframe", "q".repeat(64) + "...");
    assertThat(job.body()).doesNotContain("q".repeat(65)).hasSizeLessThan(1_000);

    Response unknown =
        h.bearer(
            "POST", RUN, RUN_BODY.formatted("{}", ", \"" + huge.substring(0, 1_000) + "\": 1"));
    assertEnvelope(unknown, 400, 40001, "Unknown field");
    assertThat(unknown.body()).doesNotContain("q".repeat(65));

    Response token = h.bearer("POST", RUN, huge);
    assertEnvelope(token, 400, 40003, "Malformed JSON");
    assertThat(token.body()).doesNotContain("q".repeat(65)).hasSizeLessThan(1_000);
  }

  @Test
  void numbersAndBooleans_areNotStrings() {
    assertEnvelope(
        h.bearer(
            "POST",
            RUN,
            "{\"strategy_name\": 123, \"start_date\": \"2024-01-01\","
                + " \"end_date\": \"2024-02-01\"}"),
        400,
        40001,
        "strategy_name",
        "a string");
    assertEnvelope(
        h.bearer("POST", RUN, RUN_BODY.formatted("{}", ", \"data_source\": true")),
        400,
        40001,
        "data_source");
    assertBare(
        h.signed(alice, "POST", JOBS, JOB_BODY.formatted("{}", "1h").replace("\"500\"", "500")),
        400,
        "INVALID_PARAMETER",
        "capital");
  }

  @Test
  void otherScriptsDigits_areNotIntegers() {
    assertEnvelope(
        h.bearer("GET", "/api/v1/backtest/history?limit=%D9%A3", null), 400, 40001, "limit");
    assertEnvelope(
        h.bearer("GET", "/api/v1/backtest/history?limit=%EF%BC%91", null), 400, 40001, "limit");
    assertThat(h.bearer("GET", "/api/v1/backtest/history?limit=3", null).status()).isEqualTo(200);
  }

  @Test
  void smallParameterValues_areWrittenWithoutAnExponent() {
    Response run = h.bearer("POST", RUN, RUN_BODY.formatted("{\"long_n\": 0.0001}", ""));
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    String id = run.json().at("/data/backtest_id").asText();
    String result = h.bearer("GET", "/api/v1/backtest/" + id + "/result", null).body();
    assertThat(result).contains("\"long_n\":0.0001").doesNotContain("E-4");

    Response job =
        h.signed(alice, "POST", JOBS, JOB_BODY.formatted("{\"short_n\": 0.00002}", "1h"));
    assertThat(job.status()).as(job.body()).isEqualTo(202);
    assertThat(job.body()).contains("\"short_n\":0.00002").doesNotContain("E-5");
  }

  @ParameterizedTest
  @CsvSource({
    "/api/v1/health, HTTP/1.1, 20000, 431, 40011",
    "/v1/backtest/jobs, HTTP/1.1, 20000, 431, HEADERS_TOO_LARGE",
    "/api/v1/health, HTTP/1.2, 0, 505, 50002",
    // request lines Jetty rejects unread: the path is the start of the target sent
    "/v1/backtest/jobs, HTTP/1.2, 0, 505, HTTP_VERSION_NOT_SUPPORTED",
    "/v1/backtest/jobs?q=@LONG@, HTTP/1.1, 0, 414, URI_TOO_LONG",
    "/api/v1/health, HTTP/2.0, 0, 426, 40010",
    "/v1/backtest/jobs, HTTP/2.0, 0, 426, UPGRADE_REQUIRED",
    "/v1/backtest/jobs/%zz, HTTP/1.1, 0, 400, INVALID_PARAMETER",
    "/api/v1/health?q=@LONG@, HTTP/1.1, 0, 414, 40008",
  })
  void errorsRaisedByJetty_carryTheCodeOfTheirStatus_inThePathsApiFormat(
      String target, String version, int header, int status, String code) throws Exception {
    String head =
        "GET "
            + target.replace("@LONG@", "a".repeat(20_000))
            + " "
            + version
            + (header > 0 ? "\r\nX-Big: " + "b".repeat(header) : "");
    RawHttp.Response r = RawHttp.send(h.port, head);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode json = TestServer.JSON.readTree(r.body());
    if (!Character.isDigit(code.charAt(0))) {
      assertThat(json.at("/error/code").asText()).as(r.body()).isEqualTo(code);
    } else {
      assertThat(json.get("code").asText()).as(r.body()).isEqualTo(code);
      assertThat(json.get("data").isNull()).isTrue();
    }
    assertThat(r.body()).doesNotContain("<").doesNotContain("Exception");
  }
}
