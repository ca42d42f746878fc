package io.perpetua.server;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.BTC_FILTERS;
import static io.perpetua.trading.testing.FlowFixtures.POSITION;
import static io.perpetua.trading.testing.FlowFixtures.T0;
import static io.perpetua.trading.testing.FlowFixtures.closed;
import static io.perpetua.trading.testing.FlowFixtures.liveRisk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.server.http.Route;
import io.perpetua.server.v1.flow.FlowLiveRoutes;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.flow.live.FlowLiveExecutor;
import io.perpetua.trading.flow.live.FlowLiveSettings;
import io.perpetua.trading.flow.live.FlowLiveVenue;
import io.perpetua.trading.testing.FlowFixtures;
import io.perpetua.trading.testing.ScriptedVenue;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/flow/live/*} over HTTP on an executor that traded a scripted venue: the examples
 * and the live answers match the generated schemas, filters and pagination hold, and every route is
 * 503 without an executor (paper-only mode).
 */
class FlowLiveRoutesTest {
  private static final AtomicReference<FlowLiveExecutor> LIVE = new AtomicReference<>();
  private static FlowLiveExecutor executor;
  private static TestServer api;

  @BeforeAll
  static void start() throws Exception {
    ScriptedVenue venue = new ScriptedVenue(9_700);
    executor =
        new FlowLiveExecutor(
            FlowLiveVenue.of(venue),
            Map.of(BTC, BTC_FILTERS),
            liveRisk(),
            null,
            FlowLiveSettings.defaults(10_000));
    executor.onPrice(BTC, 9_700, T0);
    executor.onPositionOpened(position(POSITION, 1.5, 1.5, Double.NaN));
    assertThat(executor.awaitIdle(5_000)).isTrue(); // the entry's fill is back
    venue.price(9_706);
    executor.onPositionUpdated(position(POSITION, 1.5, 0.75, 9_705));
    executor.onPositionOpened(position("factory-1:BTCUSDT:" + (T0 + 1), 0.001, 0.001, Double.NaN));
    assertThat(executor.awaitIdle(5_000)).isTrue();
    venue.price(9_690.3);
    executor.onPrice(BTC, 9_690.3, T0 + 60_000);
    executor.onTradeClosed(closed(POSITION, FlowDirection.LONG, 1.5, FlowTradeStatus.SL_BE, 9_690));
    assertThat(executor.awaitIdle(5_000)).isTrue();
    LIVE.set(executor);
    api = TestServer.start(new FlowLiveRoutes(LIVE::get, true));
  }

  private static PositionSnapshot position(
      String id, double quantity, double remaining, double lastExit) {
    return FlowFixtures.position(id, FlowDirection.LONG, quantity, remaining, lastExit);
  }

  @AfterAll
  static void stop() {
    api.close();
    executor.close();
  }

  @Test
  void everyRoute_exampleAndLiveResponse_matchTheGeneratedSchema() {
    assertThat(OpenApiChecks.everyFlowRoute(api, "/api/v1/flow/live/", Route::path)).isEqualTo(3);
  }

  @Test
  void orders_positionsAndSummary_showWhatTheVenueDid() {
    JsonNode orders = api.get("/api/v1/flow/live/orders").data();
    assertThat(orders.at("/pagination/total_items").asInt()).isEqualTo(4);
    JsonNode items = orders.get("items");
    assertThat(items.findValuesAsText("leg")).containsExactly("exit", "entry", "tp1", "entry");
    assertThat(items.findValuesAsText("status"))
        .containsExactly("filled", "skipped", "filled", "filled");
    assertThat(items.get(1).get("reason").asText()).contains("below the venue's minimum");
    JsonNode exit = items.get(0);
    assertThat(exit.get("reduce_only").asBoolean()).isTrue();
    assertThat(exit.get("type").asText()).isEqualTo("market");
    assertThat(exit.get("limit_price").isNull()).isTrue();
    assertThat(exit.get("quantity").asDouble()).isEqualTo(0.75);
    assertThat(exit.get("average_fill_price").asDouble()).isEqualTo(9_690.3);
    assertThat(exit.get("slippage_bps").asDouble()).isCloseTo(-0.3 / 9_690 * 1e4, within());
    assertThat(items.get(3).get("client_order_id").asText()).startsWith("pp-");

    JsonNode page = api.get("/api/v1/flow/live/orders?status=filled&page=2&page_size=2").data();
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.at("/pagination/total_items").asInt()).isEqualTo(3);
    assertThat(page.at("/pagination/total_pages").asInt()).isEqualTo(2);
    assertThat(api.get("/api/v1/flow/live/orders?strategy_id=other").data().get("items")).isEmpty();
    assertThat(api.get("/api/v1/flow/live/orders?symbol=ETHUSDT").data().get("items")).isEmpty();
    assertThat(api.get("/api/v1/flow/live/orders?status=nope").code()).isEqualTo(40001);

    JsonNode position = api.get("/api/v1/flow/live/positions").data().get("items").get(0);
    assertThat(position.get("symbol").asText()).isEqualTo("BTCUSDT");
    assertThat(position.get("quantity").asDouble()).isZero();
    assertThat(position.get("average_entry").isNull()).isTrue();
    assertThat(position.get("orders").asInt()).isEqualTo(3);
    assertThat(position.get("realized_pnl").asDouble()).isCloseTo(0.75 * 6 - 0.75 * 9.7, within());

    JsonNode summary = api.get("/api/v1/flow/live/summary").data();
    assertThat(summary.get("orders_sent").asInt()).isEqualTo(3);
    assertThat(summary.get("filled").asInt()).isEqualTo(3);
    assertThat(summary.get("skipped").asInt()).isEqualTo(1);
    assertThat(summary.get("maker_share").asDouble()).isZero();
    assertThat(summary.get("maker_first_enabled").asBoolean()).isFalse();
    assertThat(summary.get("maker_first").isNull()).isTrue();
    assertThat(summary.get("venue_reachable").asBoolean()).isTrue();
    JsonNode exits = summary.get("exits"); // market exits: no maker-first on this venue
    assertThat(exits.get("maker_exits").asBoolean()).isFalse();
    assertThat(exits.get("tp_limits").asInt()).isZero();
    assertThat(exits.get("tp_maker_share").asDouble()).isZero();
    assertThat(exits.get("stop_closes").asInt()).isEqualTo(1);
    assertThat(exits.get("exit_maker_share").asDouble()).isZero();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }

  private static final String[] LIVE_PATHS = {
    "/api/v1/flow/live/orders", "/api/v1/flow/live/positions", "/api/v1/flow/live/summary"
  };

  @Test
  void paperOnlyMode_everyRouteIs404SayingLiveModeIsOff() {
    try (TestServer paperOnly = TestServer.start(new FlowLiveRoutes(() -> null, false))) {
      for (String path : LIVE_PATHS) {
        TestServer.Response r = paperOnly.get(path);
        assertThat(r.status()).as(path).isEqualTo(404);
        assertThat(r.code()).isEqualTo(40401);
        assertThat(r.message()).contains("Live mode is off");
      }
    }
  }

  @Test
  void liveModeStillStarting_everyRouteIs503() {
    try (TestServer starting = TestServer.start(new FlowLiveRoutes(() -> null, true))) {
      for (String path : LIVE_PATHS) {
        TestServer.Response r = starting.get(path);
        assertThat(r.status()).as(path).isEqualTo(503);
        assertThat(r.code()).isEqualTo(50301);
      }
    }
  }
}
