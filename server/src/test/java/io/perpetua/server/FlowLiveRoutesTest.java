package io.perpetua.server;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.POSITION;
import static io.perpetua.trading.testing.FlowFixtures.STRATEGY;
import static io.perpetua.trading.testing.FlowFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.server.http.Route;
import io.perpetua.server.v1.flow.FlowLiveRoutes;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.flow.live.FlowLegIndex;
import io.perpetua.trading.flow.live.FlowLiveView;
import io.perpetua.trading.flow.live.KernelFlowLive;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/flow/live/*} over HTTP on the kernel's records of a flow trade at a venue (a
 * market entry, its TP1 limit filled as maker, the break-even stop at market, and a second entry
 * the risk engine refused): the examples and the live answers match the generated schemas, orders
 * are named by trade and leg from their derived client ids, filters and pagination hold, and every
 * route is 404 in paper-only mode and 503 while the live kernel starts.
 */
class FlowLiveRoutesTest {
  private static final AtomicReference<FlowLiveView> LIVE = new AtomicReference<>();
  private static final String SECOND = "factory-1:BTCUSDT:" + (T0 + 1);
  private static TestServer api;

  @BeforeAll
  static void start() throws Exception {
    FlowLegIndex legs = new FlowLegIndex();
    legs.add(STRATEGY, POSITION);
    legs.add(STRATEGY, SECOND);
    List<OrderRecord> records = new ArrayList<>(); // newest first, as the journal reads them
    List<Fill> fills = new ArrayList<>();
    records.add(filled(POSITION, "sl-be", OrderSide.SELL, "0.750", null, "9690.3", T0 + 60_000));
    records.add(
        OrderRecord.unfilled(
            order(SECOND, "entry-mkt", OrderSide.BUY, "0.001", null, T0 + 1),
            OrderStatus.REJECTED,
            "min_notional: below the venue's minimum",
            false,
            T0 + 1));
    records.add(filled(POSITION, "tp1", OrderSide.SELL, "0.750", "9706", "9706", T0 + 30_000));
    records.add(filled(POSITION, "entry-mkt", OrderSide.BUY, "1.500", null, "9700", T0));
    for (OrderRecord r : records) {
      if (r.status() == OrderStatus.FILLED) {
        Order o = r.order();
        fills.add(
            new Fill(
                TradeId.of("BTCUSDT-" + fills.size()),
                o.clientOrderId(),
                BTC,
                o.side(),
                o.quantity(),
                Price.of(r.averageFillPrice().toDouble(), 2),
                r.fee(),
                o.type() == OrderType.LIMIT ? Liquidity.MAKER : Liquidity.TAKER,
                r.updatedAtMs()));
      }
    }
    Account account = new Account("flow", Money.parse("1000000")); // the kernel's, from the fills
    fills.reversed().forEach(account::apply);
    AccountState state = account.snapshot(T0 + 60_000);
    LIVE.set(
        new KernelFlowLive(
            () -> records, () -> fills, legs, id -> 9_690.3, () -> state, 10_000, () -> true));
    api = TestServer.start(new FlowLiveRoutes(LIVE::get, true));
  }

  private static Order order(
      String key, String leg, OrderSide side, String qty, String limit, long timeMs) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, key, leg),
        BTC,
        side,
        limit == null ? OrderType.MARKET : OrderType.LIMIT,
        Quantity.parse(qty, 3),
        limit == null ? null : Price.parse(limit, 2),
        !leg.startsWith("entry"),
        STRATEGY,
        null,
        timeMs);
  }

  private static OrderRecord filled(
      String key, String leg, OrderSide side, String qty, String limit, String at, long timeMs) {
    Order o = order(key, leg, side, qty, limit, timeMs);
    return new OrderRecord(
        o,
        OrderStatus.FILLED,
        o.quantity(),
        Price.parse(at, OrderRecord.AVERAGE_PRICE_SCALE),
        Money.parse("0.5"),
        null,
        false,
        timeMs);
  }

  @AfterAll
  static void stop() {
    api.close();
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
    assertThat(items.findValuesAsText("position_id"))
        .containsExactly(POSITION, SECOND, POSITION, POSITION);
    assertThat(items.findValuesAsText("status"))
        .containsExactly("filled", "risk_rejected", "filled", "filled");
    assertThat(items.get(1).get("reason").asText()).contains("below the venue's minimum");
    JsonNode exit = items.get(0);
    assertThat(exit.get("reduce_only").asBoolean()).isTrue();
    assertThat(exit.get("type").asText()).isEqualTo("market");
    assertThat(exit.get("limit_price").isNull()).isTrue();
    assertThat(exit.get("quantity").asDouble()).isEqualTo(0.75);
    assertThat(exit.get("average_fill_price").asDouble()).isEqualTo(9_690.3);
    assertThat(items.get(2).get("type").asText()).isEqualTo("limit");
    assertThat(items.get(2).get("maker_quantity").asDouble()).isEqualTo(0.75);
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
    assertThat(position.get("strategy_id").asText()).isEqualTo(STRATEGY.value());
    assertThat(position.get("quantity").asDouble()).isZero();
    assertThat(position.get("average_entry").isNull()).isTrue();
    assertThat(position.get("orders").asInt()).isEqualTo(3);
    assertThat(position.get("fills").asInt()).isEqualTo(3);
    assertThat(position.get("realized_pnl").asDouble()).isCloseTo(0.75 * 6 - 0.75 * 9.7, within());
    assertThat(position.get("fees").asDouble()).isCloseTo(1.5, within());

    JsonNode summary = api.get("/api/v1/flow/live/summary").data();
    assertThat(summary.get("orders_sent").asInt()).isEqualTo(3);
    assertThat(summary.get("filled").asInt()).isEqualTo(3);
    assertThat(summary.get("working").asInt()).isZero();
    assertThat(summary.get("risk_rejected").asInt()).isEqualTo(1);
    assertThat(summary.get("maker_share").asDouble())
        .isCloseTo(0.75 * 9706 / (1.5 * 9700 + 0.75 * 9706 + 0.75 * 9690.3), within());
    assertThat(summary.get("entry_maker_share").asDouble()).isZero();
    assertThat(summary.get("venue_reachable").asBoolean()).isTrue();
    JsonNode exits = summary.get("exits"); // the TP1 limit rested (maker), the stop went to market
    assertThat(exits.get("maker_exits").asBoolean()).isTrue();
    assertThat(exits.get("tp_limits").asInt()).isEqualTo(1);
    assertThat(exits.get("tp_maker_tranches").asInt()).isEqualTo(1);
    assertThat(exits.get("tp_maker_share").asDouble()).isEqualTo(1.0);
    assertThat(exits.get("stop_closes").asInt()).isEqualTo(1);
    assertThat(exits.get("exit_maker_share").asDouble()).isCloseTo(0.5, within());
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
