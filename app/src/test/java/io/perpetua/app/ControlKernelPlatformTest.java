package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the running platform the control plane's orders go through the trading kernel: the operator's
 * emergency stop (the platform risk engine's) refuses a {@code POST /api/v1/delta/control} leg
 * before any venue sees it, and after {@code resume} the same request trades; the control orders
 * stay out of the platform account's order history.
 */
class ControlKernelPlatformTest {
  private static final String OPERATOR_BODY =
      "{\"confirm\":true,\"reason\":\"control test\",\"operator\":\"tester\"}";
  private static final String CONTROL =
      """
      control:
        poll_ms: 100
        failing_after_ms: 1000
        accounts:
          - {id: generic-a, venue: generic, kind: perp, credentials: none, leverage: 10,
             margin_mode: cross, taker_fee: 0.0004, capital: 20000}
          - {id: generic-b, venue: generic, kind: perp, credentials: none, leverage: 10,
             margin_mode: cross, taker_fee: 0.0006, capital: 20000}
      """;
  private static final String DELTA =
      """
      {"targetDelta": 0.05, "accounts": ["generic-a", "generic-b"], "maxDeviation": 0.01,
       "symbol": "BTC-USD", "dryRun": false}""";

  @TempDir Path tmp;
  private PlatformProcess platform;

  @AfterEach
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static List<String> reasons(JsonNode r) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : r.path("hedgeResults").path("failedOrders")) {
      out.add(o.path("reason").asText());
    }
    return out;
  }

  @Test
  void emergencyStop_refusesControlLegs_resumeLetsThemTrade() throws Exception {
    Path config = PlatformProcess.writeConfig(tmp.resolve("perpetua.yaml"), "0 * * * *", 4);
    Files.writeString(config, Files.readString(config) + CONTROL);
    Path dataDir = tmp.resolve("data");
    PlatformProcess.copyImported(dataDir);
    platform = PlatformProcess.start(dataDir, config, 3_600);
    platform.await("/api/v1/risk/status", d -> true, 60_000);
    JsonNode stop = platform.post("/api/v1/system/emergency-stop", OPERATOR_BODY);
    assertThat(stop.get("emergency_stop").asBoolean()).isTrue();

    // until the kernels are open (after the platform kernel resumed) a leg is refused as such
    long deadline = System.currentTimeMillis() + 60_000;
    JsonNode stopped = platform.postRaw("/api/v1/delta/control", DELTA);
    while (reasons(stopped).stream().anyMatch(s -> s.startsWith("order_path"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      stopped = platform.postRaw("/api/v1/delta/control", DELTA);
    }
    assertThat(reasons(stopped))
        .as("%s", stopped)
        .isNotEmpty()
        .allMatch(s -> s.contains("emergency"));
    assertThat(stopped.path("hedgeResults").path("executedOrders")).as("%s", stopped).isEmpty();

    platform.post("/api/v1/system/resume", OPERATOR_BODY);
    JsonNode traded = platform.postRaw("/api/v1/delta/control", DELTA);
    JsonNode executed = traded.path("hedgeResults").path("executedOrders");
    assertThat(executed).as("%s", traded).isNotEmpty();
    assertThat(traded.path("finalDelta").decimalValue()).isEqualByComparingTo("0.05");
    var history = platform.allOrders().keySet();
    for (JsonNode o : executed) {
      assertThat(history).doesNotContain(o.get("orderId").asText());
    }
  }
}
