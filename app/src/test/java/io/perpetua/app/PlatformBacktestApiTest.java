package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.cli.BacktestCommandTest;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.SharedData;
import io.perpetua.core.time.Clock;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.server.jobs.RequestSigning;
import io.perpetua.server.jobs.SignatureVerifier;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcApiKeyStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform with both backtest APIs wired to the job service, the database and the real engine:
 * a spec-4.3 backtest and a signed spec-004 job run to completion on the shared data.
 */
class PlatformBacktestApiTest {
  private static final String TOKEN = "backtest-api-token-0123456789";
  private static final String MASTER_KEY = "backtest-api-master-key-0123456789abcdef";
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;

  private JsonNode send(
      int port, String method, String path, Map<String, String> headers, String body)
      throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(req::header);
    return json.readTree(http.send(req.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonNode bearer(int port, String method, String path, String body) throws Exception {
    return send(
        port,
        method,
        path,
        Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"),
        body);
  }

  private JsonNode signed(int port, ApiKeys.Issued key, String method, String path, String body)
      throws Exception {
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return send(
        port,
        method,
        path,
        Map.of(
            SignatureVerifier.KEY_HEADER,
            key.key().keyId(),
            SignatureVerifier.TIMESTAMP_HEADER,
            ts,
            SignatureVerifier.SIGNATURE_HEADER,
            RequestSigning.sign(key.secret(), ts, method, path, bytes),
            "Content-Type",
            "application/json"),
        body);
  }

  @Test
  void bothBacktestApis_runJobsOnTheRealEngine() throws Exception {
    Path shared = SharedData.require("binance-um-klines/1h");
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0"));
    // no rate limits: the test sends bursts of bad requests (the limiter has its own tests)
    Map<String, String> env =
        Map.of(
            "PERPETUA_API_TOKEN",
            TOKEN,
            ApiKeySecrets.ENV,
            MASTER_KEY,
            "PERPETUA_RATE_LIMIT_PER_IP",
            "0",
            "PERPETUA_RATE_LIMIT_PER_USER",
            "0");
    try (Platform p =
        Platform.start(
            config,
            dataDir,
            shared.getParent().getParent(),
            env,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            1)) {
      int port = p.port();
      long deadline = System.currentTimeMillis() + 180_000;
      JsonNode history = bearer(port, "GET", "/api/v1/backtest/history", null);
      while (history.get("code").asInt() != 0 && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
        history = bearer(port, "GET", "/api/v1/backtest/history", null);
      }
      assertThat(history.get("code").asInt()).as(history.toString()).isZero();

      JsonNode unknown =
          bearer(
              port,
              "POST",
              "/api/v1/backtest/run",
              "{\"strategy_name\": \"nope\", \"start_date\": \"2024-03-01\","
                  + " \"end_date\": \"2024-03-10\"}");
      assertThat(unknown.get("code").asInt()).isEqualTo(40001);
      assertThat(unknown.get("message").asText()).startsWith("Strategy not found: nope");

      JsonNode run =
          bearer(
              port,
              "POST",
              "/api/v1/backtest/run",
              "{\"strategy_name\": \"baseline_rev\", \"start_date\": \"2024-03-01\","
                  + " \"end_date\": \"2024-03-10\", \"data_source\": \"kline\"}");
      assertThat(run.get("code").asInt()).as(run.toString()).isZero();
      String id = run.at("/data/backtest_id").asText();
      JsonNode result = bearer(port, "GET", "/api/v1/backtest/" + id + "/result", null);
      while (result.at("/data/status").asText().equals("running")
          && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
        result = bearer(port, "GET", "/api/v1/backtest/" + id + "/result", null);
      }
      assertThat(result.at("/data/status").asText()).as(result.toString()).isEqualTo("completed");
      assertThat(result.at("/data/metrics/total_trades").isInt()).isTrue();
      assertThat(result.at("/data/nav_curve").size()).isBetween(9, 11);

      assertCliGivesTheSameResult(config, result);

      assertSpecExampleCompletes(port, deadline);

      ApiKeys.Issued alice;
      try (Database db = Database.open(DatabaseConfig.embedded(dataDir))) {
        alice =
            new ApiKeys(new JdbcApiKeyStore(db), ApiKeySecrets.of(MASTER_KEY), Clock.system())
                .create("alice");
      }
      JsonNode job =
          signed(
              port,
              alice,
              "POST",
              "/v1/backtest/jobs",
              """
              {"template_id": "tpl_grid",
               "params": {"grid_levels": 8, "upper_price": "72000", "lower_price": "60000"},
               "symbols": ["BTCUSDT"], "timeframe": "1h",
               "start": "2024-03-01T00:00:00Z", "end": "2024-04-01T00:00:00Z",
               "capital": "10000.00", "leverage": 1, "fee_model": "fixed_bps", "fee_bps": "5"}
              """);
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("queued");
      assertUnrunnableJobsAreRefused(port, alice);
      String jobId = job.get("id").asText();
      int limit = 1;
      String status = "queued";
      while (!status.equals("done")
          && !status.equals("failed")
          && System.currentTimeMillis() < deadline) {
        // a different query each time: identical requests within a second would be replays
        limit = limit % 100 + 1;
        JsonNode list = signed(port, alice, "GET", "/v1/backtest/jobs?limit=" + limit, null);
        status = list.at("/jobs/0/status").asText();
      }
      JsonNode done = signed(port, alice, "GET", "/v1/backtest/jobs/" + jobId, null);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
      assertThat(done.at("/result/metrics/total_trades").asInt()).isPositive();
      assertThat(done.at("/result/equity_curve/0/1").isTextual()).isTrue();
      assertThat(done.at("/result/trades").isArray()).isTrue();
    }
  }

  /** The CLI with the same days (and the API's fixed settings) gives the same result. */
  private void assertCliGivesTheSameResult(PerpetuaConfig config, JsonNode result)
      throws Exception {
    BacktestCommandTest.Run cli =
        BacktestCommandTest.backtest(
            dataDir,
            "--strategy",
            "baseline_rev",
            "--start",
            "2024-03-01",
            "--end",
            "2024-03-10",
            "--data-source",
            "kline",
            "--fee-bps",
            "10",
            "--maker-fee-bps",
            "10",
            "--capital",
            String.valueOf(config.paper().initialCapital()),
            "--slippage-bps",
            String.valueOf(config.venue().slippageBps()));
    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode curve = cli.result().get("equity_curve");
    JsonNode last = curve.get(curve.size() - 1);
    JsonNode nav = result.at("/data/nav_curve");
    assertThat(last.get(0).asText()).startsWith(nav.get(nav.size() - 1).get("date").asText());
    assertThat(last.get(1).asDouble())
        .isCloseTo(nav.get(nav.size() - 1).get("nav").asDouble(), within(0.006));
    assertThat(cli.result().at("/metrics/total_return").asDouble())
        .isCloseTo(result.at("/data/metrics/total_return").asDouble(), within(6e-7));
    assertThat(cli.result().at("/metrics/total_trades").asInt())
        .isEqualTo(result.at("/data/metrics/total_trades").asInt());
    assertThat(result.at("/data/activity/orders_sent").asInt())
        .isEqualTo(cli.result().at("/activity/orders_sent").asInt());
  }

  /** Spec 4.3's own example (default data_source dollar_bar) over the whole catalog completes. */
  private void assertSpecExampleCompletes(int port, long deadline) throws Exception {
    // the symbols without bars or volume in the window are listed as skipped
    JsonNode spec =
        bearer(
            port,
            "POST",
            "/api/v1/backtest/run",
            """
            {"strategy_name": "baseline_rev", "parameters": {"long_n": 30, "short_n": 30},
             "start_date": "2024-01-01", "end_date": "2025-01-01", "fee_bps": 10,
             "rebalance_days": 1, "data_source": "dollar_bar"}
            """);
    assertThat(spec.get("code").asInt()).as(spec.toString()).isZero();
    String specId = spec.at("/data/backtest_id").asText();
    JsonNode specResult = bearer(port, "GET", "/api/v1/backtest/" + specId + "/result", null);
    while (specResult.at("/data/status").asText().equals("running")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      specResult = bearer(port, "GET", "/api/v1/backtest/" + specId + "/result", null);
    }
    assertThat(specResult.at("/data/status").asText())
        .as(specResult.toString())
        .isEqualTo("completed");
    assertThat(specResult.at("/data/nav_curve/0/date").asText()).isEqualTo("2024-01-01");
    assertThat(specResult.at("/data/activity/skipped_symbols").findValuesAsText("symbol"))
        .contains("FTTUSDT", "RAYUSDT");
    assertThat(specResult.at("/data/metrics/total_trades").asInt()).isPositive();
  }

  /** Jobs the data or the strategy cannot run are 400 before they exist. */
  private void assertUnrunnableJobsAreRefused(int port, ApiKeys.Issued alice) throws Exception {
    JsonNode minute =
        signed(
            port,
            alice,
            "POST",
            "/v1/backtest/jobs",
            """
            {"template_id": "tpl_grid",
             "params": {"grid_levels": 8, "upper_price": "72000", "lower_price": "60000"},
             "symbols": ["BTCUSDT"], "timeframe": "1m",
             "start": "2024-03-01T00:00:00Z", "end": "2024-04-01T00:00:00Z",
             "capital": "10000.00"}
            """);
    assertThat(minute.at("/error/code").asText())
        .as(minute.toString())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(minute.at("/error/message").asText())
        .startsWith("Invalid parameter 'timeframe': no 1m bars: the catalog holds 1h");
    JsonNode unfit =
        signed(
            port,
            alice,
            "POST",
            "/v1/backtest/jobs",
            """
            {"template_id": "baseline_rev", "symbols": ["BTCUSDT", "ETHUSDT"],
             "timeframe": "4h", "start": "2024-03-01T00:00:00Z",
             "end": "2024-04-01T00:00:00Z", "capital": "10000.00"}
            """);
    assertThat(unfit.at("/error/message").asText())
        .as(unfit.toString())
        .startsWith(
            "Invalid parameter 'timeframe': strategy 'baseline_rev' cannot run on 4h bars:"
                + " zscore_neg_ret_2h");
  }
}
