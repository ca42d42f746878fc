package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.time.ManualClock;
import io.perpetua.server.http.Route;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifecycle of {@link ApiServer} and the route-group hook. */
class ApiServerTest {
  private static ApiServer server() {
    return new ApiServer(
        Fixtures.populated(),
        ApiToken.of(TestServer.TOKEN),
        new ManualClock(Fixtures.NOW),
        TestServer.localConfig());
  }

  @Test
  void start_onPortZero_bindsAnEphemeralPort_andStopReleasesIt() {
    ApiServer server = server();
    int port = server.start(0);
    try {
      assertThat(port).isPositive();
      assertThat(server.port()).isEqualTo(port);
      assertThatThrownBy(() -> server.start(0)).isInstanceOf(IllegalStateException.class);
    } finally {
      server.stop();
    }
    server.stop(); // idempotent
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.start(0)).isInstanceOf(IllegalStateException.class);
    // Nothing listens any more.
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void routeGroups_cannotBeAddedAfterStart() {
    ApiServer server = server();
    server.start(0);
    try {
      assertThatThrownBy(() -> server.addRoutes(new TestRoutes()))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      server.stop();
    }
  }

  @Test
  void routeTable_containsTheSixV1Endpoints_andAddedGroups() {
    ApiServer server = server().addRoutes(new TestRoutes());
    assertThat(server.routeTable().routes().stream().map(Route::toString))
        .startsWith(
            "GET /api/v1/health",
            "GET /api/v1/health/pipeline",
            "GET /api/v1/account/balance",
            "GET /api/v1/account/positions",
            "GET /api/v1/portfolio/target-positions",
            "GET /api/v1/signals/latest")
        .contains("POST /api/v1/test/orders");
  }

  @Test
  void duplicateRoute_isRejected() {
    RouteGroup duplicate =
        () ->
            List.of(
                Route.get("/api/v1/health")
                    .tag("X")
                    .summary("again")
                    .publicAccess()
                    .response(String.class, null)
                    .handle(r -> "x"));
    ApiServer server = server().addRoutes(duplicate);
    assertThatThrownBy(server::routeTable)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /api/v1/health");
  }
}
