package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator controls survive a real crash: a symbol is disabled and the emergency stop triggered
 * through the API, the child JVM is killed with SIGKILL right after, and after a restart on the
 * same data directory the risk status still shows both, no order is created while the replay runs
 * on past several hourly rebalance times, and after {@code POST /api/v1/system/resume} orders
 * appear again (none of them filled on the disabled symbol).
 */
class PlatformControlsCrashTest {
  /** Event seconds per wall second: five event hours per wall second. */
  private static final double SPEED = 18_000;

  private static final String OPERATOR_BODY =
      "{\"confirm\":true,\"reason\":\"crash test\",\"operator\":\"tester\"}";

  @TempDir Path tmp;

  private final List<PlatformProcess> started = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    started.forEach(PlatformProcess::close);
  }

  private PlatformProcess start(Path dataDir, Path config) throws Exception {
    PlatformProcess p = PlatformProcess.start(dataDir, config, SPEED);
    started.add(p);
    return p;
  }

  @Test
  void emergencyStopAndDisabledSymbol_surviveSigkill_untilResumed() throws Exception {
    Path config = PlatformProcess.writeConfig(tmp.resolve("perpetua.yaml"), "0 * * * *", 4);
    Path dataDir = tmp.resolve("data");
    PlatformProcess.copyImported(dataDir);

    PlatformProcess first = start(dataDir, config);
    JsonNode positions =
        first.await("/api/v1/account/positions", d -> d.get("total_positions").asInt() > 0, 60_000);
    String symbol = positions.get("positions").get(0).get("symbol").asText();
    JsonNode disabled =
        first.post(
            "/api/v1/risk/symbols/disable",
            "{\"symbol\":\"" + symbol + "\",\"reason\":\"crash test\",\"operator\":\"tester\"}");
    assertThat(disabled.get("trading_enabled").asBoolean()).isFalse();
    JsonNode stop = first.post("/api/v1/system/emergency-stop", OPERATOR_BODY);
    assertThat(stop.get("emergency_stop").asBoolean()).isTrue();
    first.kill(); // at once: the controls must be durable when the POST answers

    PlatformProcess second = start(dataDir, config);
    JsonNode status = second.await("/api/v1/risk/status", d -> true, 60_000);
    assertThat(status.get("emergency_stop").asBoolean()).as("%s", status).isTrue();
    assertThat(status.get("trading_enabled").asBoolean()).isFalse();
    assertThat(status.get("overall_status").asText()).isEqualTo("halted");
    assertThat(texts(status.get("disabled_symbols"))).as("%s", status).contains(symbol);

    // the replay runs on past several hourly rebalance times: no new order
    long from = eventTime(second.await("/api/v1/health/pipeline", d -> dataTime(d) > 0, 60_000));
    Map<String, JsonNode> stopped = second.allOrders();
    second.await("/api/v1/health/pipeline", d -> dataTime(d) >= from + 5 * 3_600_000L, 60_000);
    assertThat(second.allOrders().keySet()).isEqualTo(stopped.keySet());
    assertThat(second.get("/api/v1/account/open-orders").get("total_open_orders").asInt()).isZero();

    JsonNode resumed = second.post("/api/v1/system/resume", OPERATOR_BODY);
    assertThat(resumed.get("emergency_stop").asBoolean()).isFalse();
    second.await(
        "/api/v1/orders/history?page_size=1",
        d -> d.get("pagination").get("total_items").asInt() > stopped.size(),
        60_000);
    JsonNode after = second.get("/api/v1/risk/status");
    assertThat(after.get("emergency_stop").asBoolean()).isFalse();
    assertThat(texts(after.get("disabled_symbols"))).contains(symbol);
    Set<String> before = stopped.keySet();
    String onSymbol =
        "/api/v1/orders/history?page_size=500&symbol="
            + URLEncoder.encode(symbol, StandardCharsets.UTF_8);
    for (JsonNode o : second.get(onSymbol).get("items")) {
      if (!before.contains(o.get("order_id").asText())) {
        assertThat(o.get("status").asText())
            .as("new order on disabled %s: %s", symbol, o)
            .isEqualTo("rejected");
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("symbol").asText()));
    return out;
  }

  private static long eventTime(JsonNode pipeline) {
    return dataTime(pipeline);
  }

  /** The data stage's last bar close (kernel time), 0 before the first one. */
  private static long dataTime(JsonNode pipeline) {
    for (JsonNode s : pipeline.get("stages")) {
      if (s.get("name").asText().equals("data_ingestion") && s.hasNonNull("last_run")) {
        return Instant.parse(s.get("last_run").asText()).toEpochMilli();
      }
    }
    return 0;
  }
}
