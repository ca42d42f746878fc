package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.testing.LogCapture;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Error envelopes: unknown routes, wrong methods, bad parameters, upstream and internal failures.
 */
class ErrorHandlingTest {
  private TestServer api;

  @BeforeEach
  void start() {
    api = TestServer.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void unknownRoute_is404_40400_withOrWithoutToken() {
    assertError(api.get("/api/v1/nope"), 404, 40400);
    assertError(api.getAnonymous("/api/v1/nope"), 404, 40400);
    TestServer.Response r = api.getAnonymous("/");
    assertError(r, 404, 40400);
    assertThat(r.message()).isEqualTo("Unknown route: GET /");
  }

  @Test
  void unknownDocsAsset_is404_40400() {
    assertError(api.getAnonymous("/docs/secret.properties"), 404, 40400);
  }

  @Test
  void wrongMethod_is405_40004_withAllowHeader() {
    TestServer.Response r =
        api.send("POST", "/api/v1/account/balance", Map.of("Authorization", "Bearer x"), "{}");
    assertError(r, 405, 40004);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(r.message()).contains("POST").contains("GET");
    assertError(api.send("DELETE", "/openapi.json", Map.of(), null), 405, 40004);
  }

  @ParameterizedTest
  @CsvSource({
    "/api/v1/signals/latest?limit=0, limit, 'between 1 and 1000'",
    "/api/v1/signals/latest?limit=1001, limit, 'between 1 and 1000'",
    "/api/v1/signals/latest?limit=abc, limit, 'between 1 and 1000'",
    "/api/v1/signals/latest?limit=2.5, limit, 'between 1 and 1000'",
    "/api/v1/signals/latest?side=up, side, '[long, short]'",
    "/api/v1/signals/latest?side=LONG, side, '[long, short]'",
    "/api/v1/account/positions?side=flat, side, '[long, short]'",
    "/api/v1/portfolio/target-positions?side=both, side, '[long, short]'",
    "/api/v1/signals/latest?side=long&side=short, side, 'expected once'",
    "/api/v1/signals/latest?sid=long, sid, 'accepted parameters: [limit, side]'",
    "/api/v1/account/balance?x=1, x, 'takes no query parameters'"
  })
  void badParameter_is400_40001_namingIt(String path, String name, String hint) {
    TestServer.Response r = api.get(path);
    assertError(r, 400, 40001);
    assertThat(r.message()).contains("'" + name + "'").contains(hint);
  }

  @Test
  void emptyParameterValue_isTreatedAsAbsent() {
    TestServer.Response r = api.get("/api/v1/signals/latest?side=&limit=");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("signals")).hasSize(3);
  }

  @Test
  void upstreamUnavailable_is503_50301_onEveryStateRoute() {
    api.state.failWith(
        new ServiceUnavailableException(
            "Redis unreachable at 10.0.0.7:6379", new ConnectException("refused")));
    for (String path :
        new String[] {
          "/api/v1/health",
          "/api/v1/health/pipeline",
          "/api/v1/account/balance",
          "/api/v1/account/positions",
          "/api/v1/portfolio/target-positions",
          "/api/v1/signals/latest"
        }) {
      TestServer.Response r = api.get(path);
      assertError(r, 503, 50301);
      assertThat(r.body()).as(path).doesNotContain("10.0.0.7").doesNotContain("Redis unreachable");
    }
  }

  @Test
  void unexpectedException_is500_50000_withoutStackTraceOrDetails() throws InterruptedException {
    api.state.failWith(new IllegalStateException("kaboom: internal detail xyz"));
    try (LogCapture logs = new LogCapture()) {
      TestServer.Response r = api.get("/api/v1/account/balance");
      assertError(r, 500, 50000);
      assertThat(r.body())
          .doesNotContain("kaboom")
          .doesNotContain("IllegalStateException")
          .doesNotContain("Exception")
          .doesNotContain("at io.")
          .doesNotContain("java.");
      String reference = r.message().replaceAll(".*reference ([0-9a-f]{8}).*", "$1");
      assertThat(reference).hasSize(8);
      // The details go to the log, under the reference given to the client.
      assertThat(logs.await(m -> m.contains("reference " + reference), Duration.ofSeconds(5)))
          .isTrue();
      assertThat(logs.text()).contains("kaboom: internal detail xyz");
    }
  }

  @Test
  void head_runsTheGetRoute_includingTheTokenCheck() {
    assertThat(api.send("HEAD", "/api/v1/account/balance", Map.of(), null).status()).isEqualTo(401);
    TestServer.Response ok =
        api.send(
            "HEAD",
            "/api/v1/account/balance",
            Map.of("Authorization", "Bearer " + TestServer.TOKEN),
            null);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bytes()).isEmpty();
    assertThat(api.send("HEAD", "/api/v1/health", Map.of(), null).status()).isEqualTo(200);
    assertThat(api.send("HEAD", "/docs", Map.of(), null).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({
    "GET /api/v1/signals/%zz HTTP/1.1, 400, 40001",
    "GET /docs/..%2f..%2fpom.xml HTTP/1.1, 400, 40001",
    "GET /api/v1/health HTTP/1.1@CRLF@X-Big: @BIG@, 431, 40011"
  })
  void errorsRaisedByJetty_useTheEnvelopeToo(String requestLine, int status, int code)
      throws Exception {
    String head = requestLine.replace("@CRLF@", "\r\n").replace("@BIG@", "a".repeat(20_000));
    RawHttp.Response r = RawHttp.send(api.port, head);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode json = TestServer.JSON.readTree(r.body());
    assertThat(json.get("code").asInt()).isEqualTo(code);
    assertThat(json.get("data").isNull()).isTrue();
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-03-02T23:59:00Z");
    assertThat(r.body()).doesNotContain("<").doesNotContain("Exception");
  }

  @Test
  void cors_noCrossOriginAccessByDefault() {
    TestServer.Response r =
        api.send(
            "GET",
            "/api/v1/account/balance",
            Map.of(
                "Authorization", "Bearer " + TestServer.TOKEN, "Origin", "http://localhost:5173"),
            null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    TestServer.Response preflight =
        api.send(
            "OPTIONS",
            "/api/v1/account/balance",
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"),
            null);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Headers")).isNull();
  }

  @Test
  void cors_anyOrigin_isAnExplicitOptIn_neverWithCredentials() {
    ServerConfig config = TestServer.localConfig().withCorsAllowedOrigins(java.util.List.of("*"));
    try (TestServer any = TestServer.start(Fixtures.populated(), config)) {
      TestServer.Response r =
          any.send(
              "GET",
              "/api/v1/account/balance",
              Map.of(
                  "Authorization",
                  "Bearer " + TestServer.TOKEN,
                  "Origin",
                  "http://localhost:5173",
                  "Cookie",
                  "session=1"),
              null);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
      assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }
  }

  @Test
  void securityHeaders_onJsonDocsAndJettyErrors() throws Exception {
    for (TestServer.Response r :
        java.util.List.of(
            api.get("/api/v1/account/balance"),
            api.getAnonymous("/api/v1/account/balance"),
            api.getAnonymous("/docs"),
            api.getAnonymous("/docs/swagger-initializer.js"),
            api.getAnonymous("/openapi.json"),
            api.getAnonymous("/nope"))) {
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(r.header("Content-Security-Policy"))
          .contains("default-src 'none'")
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-eval");
    }
    // Swagger UI's page loads only same-origin scripts: none inline, which the policy forbids
    assertThat(api.getAnonymous("/docs").body())
        .doesNotContainPattern("<script>[^<]")
        .contains("<script src=\"/docs/swagger-ui-bundle.js\">");
    RawHttp.Response jetty = RawHttp.send(api.port, "GET /api/v1/signals/%zz HTTP/1.1");
    assertThat(jetty.headers()).contains("X-Content-Type-Options: nosniff");
    assertThat(jetty.headers()).contains("Content-Security-Policy: default-src 'none'");
  }

  @Test
  void cors_preflight_isAnsweredWithoutToken() {
    ServerConfig config = TestServer.localConfig().withCorsAllowedOrigins(java.util.List.of("*"));
    TestServer any = TestServer.start(Fixtures.populated(), config);
    TestServer.Response r;
    try (any) {
      r =
          any.send(
              "OPTIONS",
              "/api/v1/account/balance",
              Map.of(
                  "Origin", "http://localhost:5173",
                  "Access-Control-Request-Method", "GET",
                  "Access-Control-Request-Headers", "authorization"),
              null);
    }
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.header("Access-Control-Allow-Headers")).contains("Authorization");
    assertThat(r.header("Access-Control-Allow-Methods")).contains("GET");
  }

  @Test
  void cors_restrictedOrigins() {
    ServerConfig config =
        TestServer.localConfig().withCorsAllowedOrigins(java.util.List.of("https://dash.example"));
    try (TestServer restricted = TestServer.start(Fixtures.populated(), config)) {
      Map<String, String> allowed =
          Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Origin", "https://dash.example");
      TestServer.Response ok = restricted.send("GET", "/api/v1/health", allowed, null);
      assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://dash.example");
      assertThat(ok.header("Vary")).contains("Origin");

      Map<String, String> other =
          Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Origin", "https://evil.example");
      TestServer.Response denied = restricted.send("GET", "/api/v1/health", other, null);
      assertThat(denied.status()).isEqualTo(200);
      assertThat(denied.header("Access-Control-Allow-Origin")).isNull();
    }
  }
}
