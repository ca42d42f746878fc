package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.LogCapture;
import io.perpetua.core.time.ManualClock;
import io.perpetua.server.http.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bearer-token auth on every protected route of the table; the open routes stay open. */
class AuthTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static TestServer api;

  @BeforeAll
  static void start() {
    api = TestServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<String> protectedPaths() {
    ApiServer unstarted =
        new ApiServer(
            Fixtures.populated(),
            ApiToken.of(TestServer.TOKEN),
            new ManualClock(Fixtures.NOW),
            TestServer.localConfig());
    List<String> paths =
        unstarted.routeTable().routes().stream()
            .filter(Route::authRequired)
            .map(Route::path)
            .toList();
    assertThat(paths).hasSizeGreaterThanOrEqualTo(4);
    return paths.stream();
  }

  @ParameterizedTest
  @MethodSource("protectedPaths")
  void protectedRoute_withoutHeader_is401_40101(String path) {
    TestServer.Response r = api.getAnonymous(path);
    assertError(r, 401, 40101);
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @ParameterizedTest
  @MethodSource("protectedPaths")
  void protectedRoute_withWrongToken_is401_40102_andNeverEchoesTheRealToken(String path) {
    TestServer.Response r =
        api.send("GET", path, Map.of("Authorization", "Bearer wrong-token-0123456789"), null);
    assertError(r, 401, 40102);
    assertThat(r.body()).doesNotContain(TestServer.TOKEN).doesNotContain("wrong-token");
    r.headers()
        .map()
        .values()
        .forEach(v -> assertThat(v.toString()).doesNotContain(TestServer.TOKEN));
  }

  @ParameterizedTest
  @MethodSource("protectedPaths")
  void protectedRoute_withRightToken_is200(String path) {
    TestServer.Response r = api.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.code()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token " + TestServer.TOKEN})
  void malformedAuthorizationHeader_is401_40101(String header) {
    TestServer.Response r =
        api.send("GET", "/api/v1/account/balance", Map.of("Authorization", header), null);
    assertError(r, 401, 40101);
  }

  @Test
  void tokenPrefixOrExtension_isRejected() {
    for (String candidate :
        List.of(
            TestServer.TOKEN.substring(1),
            TestServer.TOKEN + "x",
            TestServer.TOKEN.toUpperCase())) {
      TestServer.Response r =
          api.send(
              "GET",
              "/api/v1/account/balance",
              Map.of("Authorization", "Bearer " + candidate),
              null);
      assertError(r, 401, 40102);
    }
  }

  @Test
  void caseVariantsOfTheToken_areRejected_evenAfterTheRightTokenOnTheSameConnection() {
    // The client reuses one keep-alive connection; Jetty's per-connection header cache must not
    // treat a token differing only in case as the one it saw before (or the reverse).
    String upper = TestServer.TOKEN.toUpperCase(java.util.Locale.ROOT);
    for (int i = 0; i < 2; i++) {
      assertThat(api.get("/api/v1/account/balance").status()).isEqualTo(200);
      assertError(
          api.send(
              "GET", "/api/v1/account/balance", Map.of("Authorization", "Bearer " + upper), null),
          401,
          40102);
    }
    assertThat(api.get("/api/v1/account/balance").status()).isEqualTo(200);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    TestServer.Response r =
        api.send(
            "GET",
            "/api/v1/account/balance",
            Map.of("Authorization", "bearer " + TestServer.TOKEN),
            null);
    assertThat(r.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/health",
        "/api/v1/health/pipeline",
        "/docs",
        "/docs/swagger-ui-bundle.js",
        "/docs/swagger-ui.css",
        "/openapi.json"
      })
  void openRoutes_needNoToken(String path) {
    assertThat(api.getAnonymous(path).status()).isEqualTo(200);
  }

  @Test
  void tokenNeverAppearsInLogs() throws InterruptedException {
    // the request log is off in this module's tests (logback-test.xml): on for this one
    var requests =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(io.perpetua.server.obs.RequestLog.LOGGER);
    requests.setLevel(ch.qos.logback.classic.Level.INFO);
    try (LogCapture logs = new LogCapture()) {
      api.get("/api/v1/account/balance");
      api.send(
          "GET",
          "/api/v1/account/balance",
          Map.of("Authorization", "Bearer wrong-token-0123456789"),
          null);
      assertThat(logs.await(m -> m.contains("/api/v1/account/balance -> 200"), WAIT)).isTrue();
      assertThat(logs.await(m -> m.contains("/api/v1/account/balance -> 401"), WAIT)).isTrue();
      assertThat(logs.text()).doesNotContain(TestServer.TOKEN).doesNotContain("wrong-token");
    } finally {
      requests.setLevel(ch.qos.logback.classic.Level.OFF);
    }
  }
}
