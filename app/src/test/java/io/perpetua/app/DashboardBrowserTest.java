package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard against one real platform on the embedded defaults (paper trading replaying the
 * shared data, four-eyes on, the default rate limits) plus two control-plane accounts on the
 * generic fake exchange and a dry-run funding carry on two fake Binances: the API snapshot the
 * client is generated from equals what the server serves, the built dashboard is served at {@code
 * /}, and the browser tests ({@code web/e2e/run.mjs}: Playwright driving Debian's Chromium,
 * axe-core) pass. Screenshots and {@code results.json} (first meaningful paint) go to {@code
 * target/e2e}. Without Node.js the browser test is skipped with a message, unless {@code
 * PERPETUA_REQUIRE_SERVICES=1} (CI), where it fails.
 */
class DashboardBrowserTest {
  private static final String TOKEN = "dashboard-browser-token-0123456789";
  private static final Path WEB = Path.of(System.getProperty("user.dir")).resolve("../web");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTROL_SECTION =
      """
      control:
        accounts:
          - {id: generic-a, venue: generic, kind: perp, credentials: none, leverage: 10,
             margin_mode: cross, taker_fee: 0.0004, capital: 20000}
          - {id: generic-b, venue: generic, kind: perp, credentials: none, leverage: 5,
             margin_mode: isolated, taker_fee: 0.0006, capital: 20000}
          - {id: spot-a, venue: fake-binance, kind: spot, credentials: none, leverage: 1,
             margin_mode: cross, taker_fee: 0.001, capital: 10000}
          - {id: perp-a, venue: fake-binance, kind: perp, credentials: none, leverage: 1,
             margin_mode: cross, taker_fee: 0.0005, capital: 20000}
        carry:
          - {id: btc, underlying: BTC-USD, spot_account: spot-a, perp_account: perp-a,
             max_notional: 10000, tick_ms: 100}
      """;

  @TempDir static Path dataDir;
  private static Platform platform;

  @BeforeAll
  static void start() throws Exception {
    SharedData.require("binance-um-klines/1h");
    // The embedded defaults plus two control-plane accounts on the in-process generic fake
    // exchange, so the Delta-neutral page has accounts, feeds and a dry-run plan to show, and a
    // dry-run funding carry over a spot and a perp account on in-process fake Binances.
    Path file = dataDir.resolve("dashboard.yaml");
    Files.writeString(file, CONTROL_SECTION);
    PerpetuaConfig config = ConfigLoader.load(file, Map.of("PERPETUA_PORT", "0"));
    Map<String, String> env = Map.of("PERPETUA_API_TOKEN", TOKEN);
    platform = TestPlatforms.start(config, dataDir, env, config.paper().speed());
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void openApiSnapshot_ofTheWebClient_equalsWhatTheServerServes() throws Exception {
    String body = get("/openapi.json").body();
    JsonNode served = JSON.readTree(body);
    JsonNode snapshot = JSON.readTree(WEB.resolve("src/api/openapi.json").toFile());
    if (!served.equals(snapshot)) { // for the refresh: what the server serves
      Path out = Path.of(System.getProperty("user.dir"), "target", "e2e");
      Files.createDirectories(out);
      Files.writeString(out.resolve("openapi.served.json"), body);
    }
    assertThat(snapshot)
        .as(
            "web/src/api/openapi.json is stale: refresh it and the client types with `cd web &&"
                + " npm run api:types -- --from http://localhost:8080` against ./perpetua run")
        .isEqualTo(served);
  }

  @Test
  void dashboard_isServedAtRoot_withPageFallback() throws Exception {
    Assumptions.assumeTrue(
        DashboardBrowserTest.class.getClassLoader().getResource("perpetua-web/index.html") != null,
        "the dashboard was not built (-Dweb.skip=true or PERPETUA_WEB_SKIP=1)");
    for (String page : new String[] {"/", "/risk", "/backtests"}) {
      HttpResponse<String> r = get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).as(page).contains("<div id=\"root\"></div>");
    }
    assertThat(get("/api/v1/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void browserTests_passAgainstTheRunningPlatform() throws Exception {
    Assumptions.assumeTrue(
        DashboardBrowserTest.class.getClassLoader().getResource("perpetua-web/index.html") != null,
        "the dashboard was not built (-Dweb.skip=true or PERPETUA_WEB_SKIP=1)");
    if (!nodePresent()) {
      String why = "node (Node.js 20+) is not installed: the browser tests need it";
      if ("1".equals(System.getenv("PERPETUA_REQUIRE_SERVICES"))) {
        throw new IllegalStateException(why + " (PERPETUA_REQUIRE_SERVICES=1)");
      }
      Assumptions.abort(why);
    }
    awaitTrading();
    Path out = Path.of(System.getProperty("user.dir"), "target", "e2e");
    Files.createDirectories(out);
    Path log = out.resolve("e2e.log");
    ProcessBuilder pb =
        new ProcessBuilder("node", "e2e/run.mjs")
            .directory(WEB.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = new HashMap<>(pb.environment());
    env.put("PERPETUA_URL", "http://127.0.0.1:" + platform.port());
    env.put("PERPETUA_API_TOKEN", TOKEN);
    env.put("E2E_OUT", out.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(9, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(done).as("the browser tests finished within 9 minutes").isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains(" 0 failed");
  }

  /**
   * Until the replay has a balance and a filled order (the pages and the replay check need them).
   */
  private static void awaitTrading() throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      boolean balance = get("/api/v1/account/balance").statusCode() == 200;
      JsonNode audit = JSON.readTree(get("/api/v1/audit?action=order.filled&limit=1").body());
      if (balance && audit.path("data").path("entries").size() > 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the platform traded nothing within 3 minutes");
  }

  private static boolean nodePresent() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
