package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.LogCapture;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The platform's own logging configuration ({@code logback.xml}, which this module's tests run
 * with) keeps the request log that docs/api.md promises: one INFO line per request.
 */
class RequestLogTest {
  @Test
  void platformLogging_apiRequest_logsOneInfoLine() throws Exception {
    ApiServer server =
        new ApiServer(
            new InMemoryPlatformState(),
            ApiToken.of("request-log-test-token-0123456789"),
            new ManualClock(1_700_000_000_000L),
            ServerConfig.defaults().withBindHost("127.0.0.1"));
    var requests =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(io.perpetua.server.obs.RequestLog.LOGGER);
    var level = requests.getLevel();
    requests.setLevel(ch.qos.logback.classic.Level.INFO);
    try (LogCapture logs = new LogCapture()) {
      int port = server.start(0);
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/api/v1/account/balance"))
                      .header("Authorization", "Bearer request-log-test-token-0123456789")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(
              logs.await(
                  m -> m.matches("GET /api/v1/account/balance -> 404 .* as admin.*"),
                  Duration.ofSeconds(5)))
          .as(logs.text())
          .isTrue();
      assertThat(logs.text()).doesNotContain("request-log-test-token");
    } finally {
      server.stop();
      requests.setLevel(level);
    }
  }
}
