package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.time.Clock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.obs.DependencyHealth;
import io.perpetua.server.obs.OperationsRoutes;
import io.perpetua.server.v1.control.ControlRoutes;
import io.perpetua.trading.control.AccountKind;
import io.perpetua.trading.control.AccountPorts;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.AlertBook;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.control.ControlAccount;
import io.perpetua.trading.control.ControlPlane;
import io.perpetua.trading.control.MarginMode;
import io.perpetua.trading.kernel.AccountKernels;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/system/status} extended compatibly with spec 001's fields: the existing object
 * is unchanged and {@code control_plane} carries status, uptime, services, performance, active
 * accounts and total operations (null while the control plane is off).
 */
class ControlSystemStatusTest {
  @TempDir Path dir;

  private static ControlPlane plane() {
    InstrumentId btc = InstrumentId.usdtPerp("BTC");
    AccountRegistry registry = new AccountRegistry(System::currentTimeMillis);
    ControlToyVenue v = new ControlToyVenue();
    Book book =
        Book.top(
            new BigDecimal("49999.9"), BigDecimal.TEN, new BigDecimal("50000.1"), BigDecimal.TEN);
    registry.register(
        new ControlAccount(
            "pacifica-main",
            "pacifica",
            AccountKind.PERP,
            "none",
            5,
            MarginMode.CROSS,
            new BigDecimal("0.0004"),
            Map.of()),
        new AccountPorts(
            v,
            v,
            i -> Optional.of(book),
            Map.of(
                btc,
                new Instrument(
                    btc, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(5)))),
        AccountKernels.unjournaled(System::currentTimeMillis));
    return new ControlPlane(
        registry, new AlertBook(10, System::currentTimeMillis), null, System::currentTimeMillis);
  }

  @Test
  void systemStatus_keepsItsFields_andAddsTheControlPlanesInSpec001Shape() {
    AtomicReference<ControlPlane> plane = new AtomicReference<>();
    ControlRoutes routes = new ControlRoutes(plane::get, System::currentTimeMillis);
    OperationsRoutes ops =
        new OperationsRoutes(
                new InMemoryPlatformState(),
                new DependencyHealth(List.of(), System::currentTimeMillis, 5_000),
                () -> null,
                dir,
                Clock.system())
            .withControlPlane(routes::systemStatus);
    try (TestServer api = TestServer.start(routes, ops)) {
      JsonNode off = api.get("/api/v1/system/status").data();
      assertThat(off.get("process").get("pid").asLong()).isPositive();
      assertThat(off.get("control_plane").isNull()).isTrue();

      plane.set(plane());
      plane
          .get()
          .deltaControl(
              new io.perpetua.trading.control.DeltaController.Request(
                  BigDecimal.ZERO,
                  List.of("pacifica-main"),
                  new BigDecimal("0.1"),
                  "BTC-USD",
                  null,
                  false,
                  5_000));
      JsonNode on = api.get("/api/v1/system/status").data();
      assertThat(on.get("process").get("pid").asLong()).isPositive();
      JsonNode c = on.get("control_plane");
      assertThat(names(c))
          .containsExactly(
              "status", "uptime", "services", "performance", "activeAccounts", "totalOperations");
      assertThat(c.get("status").asText()).isEqualTo("running");
      assertThat(c.get("activeAccounts").asInt()).isEqualTo(1);
      assertThat(c.get("totalOperations").asLong()).isEqualTo(1);
      assertThat(names(c.get("services").get(0)))
          .containsExactly("name", "status", "lastHeartbeat", "errorCount");
      assertThat(names(c.get("performance")))
          .containsExactly("avgResponseTime", "operationsPerSecond", "memoryUsage", "cpuUsage");
      plane.get().lifecycle("stop", "ops", "test");
      assertThat(
              api.get("/api/v1/system/status").data().get("control_plane").get("status").asText())
          .isEqualTo("stopped");
    }
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
