package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.LogCapture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request log (docs/api.md#logging): one INFO line per request, with the caller's role. */
class RequestLogTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static TestServer api;

  @BeforeAll
  static void start() {
    requestLogger().setLevel(ch.qos.logback.classic.Level.INFO);
    api = TestServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
    requestLogger().setLevel(ch.qos.logback.classic.Level.OFF);
  }

  private static ch.qos.logback.classic.Logger requestLogger() {
    return (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(io.perpetua.server.obs.RequestLog.LOGGER);
  }

  @Test
  void requestLog_line_carriesTheRequestIdOfTheResponseHeader() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      var answer = api.send("GET", "/api/v1/health", Map.of("X-Request-Id", "trace-42.a"), null);
      assertThat(answer.headers().firstValue("X-Request-Id")).contains("trace-42.a");
      assertThat(logs.await(m -> m.endsWith("as anonymous [request trace-42.a]"), WAIT))
          .as(logs.text())
          .isTrue();
      var generated =
          api.send("GET", "/api/v1/health", Map.of("X-Request-Id", "bad id with spaces"), null);
      assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow())
          .matches("[0-9a-f]{16}");
    }
  }

  @Test
  void requestLog_adminRequest_namesMethodPathStatusCodeDurationAndRole() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      api.get("/api/v1/account/balance");
      assertThat(
              logs.await(
                  m ->
                      m.matches(
                          "GET /api/v1/account/balance -> 200 \\(code 0\\) in \\d+\\.\\d\\d ms as"
                              + " admin \\[request [0-9a-f]{16}]"),
                  WAIT))
          .as(logs.text())
          .isTrue();
    }
  }

  @Test
  void requestLog_viewerAndAnonymousCallers_areNamedByRoleNeverByToken() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      api.send(
          "GET",
          "/api/v1/account/positions",
          Map.of("Authorization", "Bearer " + TestServer.VIEWER),
          null);
      api.send("GET", "/api/v1/account/balance", Map.of(), null);
      api.send("GET", "/api/v1/health", Map.of(), null);
      assertThat(
              logs.await(
                  m -> m.matches("GET /api/v1/account/positions -> 200 .* as viewer.*"), WAIT))
          .as(logs.text())
          .isTrue();
      assertThat(logs.await(m -> m.matches("GET /api/v1/health -> 200 .* as anonymous.*"), WAIT))
          .as(logs.text())
          .isTrue();
      assertThat(
              logs.await(
                  m -> m.matches("GET /api/v1/account/balance -> 401 .* as anonymous.*"), WAIT))
          .as(logs.text())
          .isTrue();
      assertThat(logs.text()).doesNotContain(TestServer.VIEWER).doesNotContain(TestServer.TOKEN);
    }
  }

  @Test
  void requestLog_queryString_isNeverLogged() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      api.get("/api/v1/signals/latest?limit=5&api_secret=hunter2-in-a-query");
      assertThat(logs.await(m -> m.startsWith("GET /api/v1/signals/latest -> 400"), WAIT))
          .as(logs.text())
          .isTrue();
      assertThat(logs.text()).doesNotContain("hunter2").doesNotContain("limit=5");
    }
  }
}
