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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/optimizer/*} on the platform with the database and the real data: bad requests are
 * refused naming the field with nothing stored; a small walk-forward run goes queued → running
 * (progress) → done with its out-of-sample result and report files; a queued or running run is
 * cancelled; an unknown run is 40430.
 */
class PlatformOptimizerApiTest {
  private static final String TOKEN = "optimizer-api-token-0123456789";
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
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return json.readTree(http.send(req.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** A small valid request with {@code overrides} (field -> raw JSON value). */
  static String body(Map<String, String> overrides) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("strategy_id", "\"baseline_rev\"");
    f.put("windows", "\"train=30d,step=14d\"");
    f.put("objective", "\"sharpe\"");
    f.put("algorithm", "\"random\"");
    f.put("trials", "3");
    f.put("seed", "7");
    f.put("space", "{\"long_n\": \"2:20:2\", \"short_n\": \"2:20:2\"}");
    f.put("start_date", "\"2025-01-01\"");
    f.put("end_date", "\"2025-02-28\"");
    f.putAll(overrides);
    StringBuilder out = new StringBuilder("{");
    f.forEach(
        (k, v) ->
            out.append(out.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v));
    return out.append('}').toString();
  }

  @Test
  void optimiserRuns_areValidatedQueuedRunAndCancelled() throws Exception {
    Path shared = SharedData.require("binance-um-klines/1h");
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0"));
    Map<String, String> env =
        Map.of(
            "PERPETUA_API_TOKEN", TOKEN,
            "PERPETUA_RATE_LIMIT_PER_IP", "0",
            "PERPETUA_RATE_LIMIT_PER_USER", "0");
    try (Platform p =
        Platform.start(
            config,
            dataDir,
            shared.getParent().getParent(),
            env,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            1)) {
      int port = p.port();
      long deadline = System.currentTimeMillis() + 600_000;
      JsonNode list = call(port, "GET", "/api/v1/optimizer/runs", null);
      while (list.get("code").asInt() != 0 && System.currentTimeMillis() < deadline) {
        Thread.onSpinWait();
        list = call(port, "GET", "/api/v1/optimizer/runs", null);
      }
      assertThat(list.get("code").asInt()).as(list.toString()).isZero();

      assertEveryBadFieldIsRefused(port);
      String id = assertARunCompletes(port, deadline);
      assertCancelAndNotFound(port, id, deadline);
    }
  }

  private void assertEveryBadFieldIsRefused(int port) throws Exception {
    assertRefused(port, "trials", "0");
    assertRefused(port, "trials", "100000");
    assertRefused(port, "objective", "\"alpha\"");
    assertRefused(port, "algorithm", "\"annealing\"");
    assertRefused(port, "engine", "\"hadoop\"");
    assertRefused(port, "windows", "\"train=3000d,step=10d\"");
    assertRefused(port, "space", "{\"nope\": \"1:2\"}");
    assertRefused(port, "space", "{\"long_n\": \"20:2\"}");
    assertRefused(port, "space", "{\"long_n\": \"2:20:0\"}");
    assertThat(call(port, "GET", "/api/v1/optimizer/runs", null).at("/data/items").size())
        .as("nothing stored")
        .isZero();
  }

  private String assertARunCompletes(int port, long deadline) throws Exception {
    long started = System.nanoTime();
    JsonNode run = call(port, "POST", "/api/v1/optimizer/run", body(Map.of()));
    assertThat(run.get("code").asInt()).as(run.toString()).isZero();
    String id = run.at("/data/run_id").asText();
    assertThat(id).startsWith("opt_");
    JsonNode view = call(port, "GET", "/api/v1/optimizer/runs/" + id, null);
    while (!view.at("/data/status").asText().matches("done|failed|cancelled")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      view = call(port, "GET", "/api/v1/optimizer/runs/" + id, null);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("optimizer API run (2 folds x 3 trials, 81 symbols): %.1f s%n", seconds);
    assertThat(view.at("/data/status").asText()).as(view.toString()).isEqualTo("done");
    assertThat(view.at("/data/progress/fraction").asDouble()).isEqualTo(1.0);
    assertThat(view.at("/data/result/sharpe").isNumber()).as(view.toString()).isTrue();
    assertThat(view.at("/data/result/best_params/long_n/value").isNumber()).isTrue();
    for (String f : new String[] {"report.html", "result.json", "trials.csv"}) {
      assertThat(Files.isRegularFile(Path.of(view.at("/data/result/report_files/" + f).asText())))
          .as(f)
          .isTrue();
    }
    assertThat(
            call(port, "GET", "/api/v1/optimizer/runs?limit=1", null)
                .at("/data/items/0/run_id")
                .asText())
        .isEqualTo(id);

    return id;
  }

  private void assertCancelAndNotFound(int port, String id, long deadline) throws Exception {
    JsonNode big = call(port, "POST", "/api/v1/optimizer/run", body(Map.of("trials", "400")));
    String bigId = big.at("/data/run_id").asText();
    JsonNode cancelled = call(port, "POST", "/api/v1/optimizer/runs/" + bigId + "/cancel", null);
    assertThat(cancelled.get("code").asInt()).as(cancelled.toString()).isZero();
    JsonNode after = call(port, "GET", "/api/v1/optimizer/runs/" + bigId, null);
    while (!after.at("/data/status").asText().equals("cancelled")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      after = call(port, "GET", "/api/v1/optimizer/runs/" + bigId, null);
    }
    assertThat(after.at("/data/status").asText()).isEqualTo("cancelled");
    assertThat(
            call(port, "POST", "/api/v1/optimizer/runs/" + id + "/cancel", null)
                .get("code")
                .asInt())
        .isEqualTo(40005);
    assertThat(
            call(port, "GET", "/api/v1/optimizer/runs/opt_0123456789abcdef", null)
                .get("code")
                .asInt())
        .isEqualTo(40430);
  }

  private void assertRefused(int port, String field, String value) throws Exception {
    JsonNode r = call(port, "POST", "/api/v1/optimizer/run", body(Map.of(field, value)));
    assertThat(r.get("code").asInt()).as(r.toString()).isEqualTo(40040);
    assertThat(r.get("message").asText()).contains("'" + field + "'");
  }
}
