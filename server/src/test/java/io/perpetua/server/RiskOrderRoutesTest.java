package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.server.v1.OrderRoutes;
import io.perpetua.server.v1.RiskRoutes;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.PortfolioReading;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The risk and order-audit endpoints (spec 000 §3.1–3.3) over HTTP: shapes, effects, bad input. */
class RiskOrderRoutesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final long T0 = 1_772_495_940_000L; // 2026-03-02T23:59:00Z

  private InMemoryRiskStore store;
  private RiskEngine risk;
  private TestServer api;

  @BeforeEach
  void start() {
    store = new InMemoryRiskStore();
    risk = RiskEngine.open(RiskConfig.defaults(), store, () -> T0);
    risk.observe(new PortfolioReading(T0, 10_000, 6_000, 5_500, 1_700, "BTC/USDT:USDT"));
    api =
        TestServer.start(
            new RiskRoutes(() -> risk, () -> Set.of(BTC, ETH)), new OrderRoutes(FakeHistory::new));
  }

  @AfterEach
  void stop() {
    api.server.stop();
  }

  private TestServer.Response post(String path, String body) {
    return api.send(
        "POST",
        path,
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  @Test
  void everyRoute_exampleAndLiveResponse_matchTheGeneratedSchema() {
    int checked =
        OpenApiChecks.everyRoute(
            api, path -> path.matches("/api/v1/(risk|orders|system|account/open-orders).*"));
    assertThat(checked).isEqualTo(11);
  }

  @Test
  void status_reportsRulesWithWorstSymbol_andWarning() {
    JsonNode data = api.get("/api/v1/risk/status").data();
    assertThat(data.get("overall_status").asText()).isEqualTo("warning"); // exposure 1.15 / 1.2
    assertThat(data.get("trading_enabled").asBoolean()).isTrue();
    JsonNode rules = data.get("rules");
    assertThat(rules.get(0).get("rule_name").asText()).isEqualTo("max_position_pct");
    assertThat(rules.get(0).get("current_value").asDouble()).isEqualTo(0.17);
    assertThat(rules.get(0).get("status").asText()).isEqualTo("violated");
    assertThat(rules.get(0).get("worst_symbol").asText()).isEqualTo("BTC/USDT:USDT");
    assertThat(rules.get(1).get("detail").asText()).isEqualTo("long=0.60, short=0.55");
  }

  @Test
  void emergencyStop_haltsAtOnce_persists_andOnlyResumeLiftsIt() {
    TestServer.Response r =
        post(
            "/api/v1/system/emergency-stop",
            "{\"confirm\": true, \"reason\": \"venue incident\", \"operator\": \"alice\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("emergency_stop").asBoolean()).isTrue();
    assertThat(r.data().get("trading_enabled").asBoolean()).isFalse();
    assertThat(r.data().get("scope").asText()).isEqualTo("all_symbols");
    assertThat(r.data().get("triggered_by").asText()).isEqualTo("alice");
    JsonNode status = api.get("/api/v1/risk/status").data();
    assertThat(status.get("overall_status").asText()).isEqualTo("halted");
    assertThat(status.get("halt_reasons").get(0).asText()).isEqualTo("emergency_stop");
    assertThat(store.loadEmergencyStop().orElseThrow().active()).isTrue();
    assertThat(RiskEngine.open(RiskConfig.defaults(), store, () -> T0).emergencyStopped()).isTrue();
    JsonNode alerts = api.get("/api/v1/risk/alerts?severity=critical").data();
    assertThat(alerts.get("items").findValuesAsText("rule_name")).contains("emergency_stop");

    r =
        post(
            "/api/v1/system/resume",
            "{\"confirm\": true, \"reason\": \"ok\", \"operator\": \"bob\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(risk.emergencyStopped()).isFalse();
    assertThat(store.loadEmergencyStop().orElseThrow().active()).isFalse();
  }

  @Test
  void symbolDisable_persists_andEnableLiftsIt() {
    TestServer.Response r =
        post(
            "/api/v1/risk/symbols/disable",
            "{\"symbol\": \"ETH/USDT:USDT\", \"reason\": \"spread\", \"operator\": \"alice\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("trading_enabled").asBoolean()).isFalse();
    assertThat(risk.disabledControl(ETH)).isPresent();
    assertThat(store.loadSymbolControls()).hasSize(1);
    assertThat(api.get("/api/v1/risk/status").data().get("disabled_symbols").get(0).asText())
        .isEqualTo("ETH/USDT:USDT");
    r =
        post(
            "/api/v1/risk/symbols/enable",
            "{\"symbol\": \"ETH/USDT:USDT\", \"operator\": \"bob\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(risk.disabledControl(ETH)).isEmpty();
  }

  @Test
  void badInput_isRejectedNamingTheField_andChangesNothing() {
    record Case(String method, String path, String body, int code, String field) {}
    List<Case> cases =
        List.of(
            new Case(
                "POST",
                "/api/v1/system/emergency-stop",
                "{\"reason\":\"x\",\"operator\":\"a\"}",
                40002,
                "confirm"),
            new Case(
                "POST",
                "/api/v1/system/emergency-stop",
                "{\"confirm\":false,\"reason\":\"x\",\"operator\":\"a\"}",
                40001,
                "confirm"),
            new Case(
                "POST",
                "/api/v1/system/emergency-stop",
                "{\"confirm\":true,\"operator\":\"a\"}",
                40002,
                "reason"),
            new Case(
                "POST",
                "/api/v1/system/emergency-stop",
                "{\"confirm\":true,\"reason\":\"x\"}",
                40002,
                "operator"),
            new Case(
                "POST",
                "/api/v1/system/emergency-stop",
                "{\"confirm\":true,\"reason\":\" \",\"operator\":\"a\"}",
                40002,
                "reason"),
            new Case("POST", "/api/v1/system/emergency-stop", "not json", 40003, ""),
            new Case(
                "POST",
                "/api/v1/risk/symbols/disable",
                "{\"symbol\":\"DOGE/USDT:USDT\",\"operator\":\"a\"}",
                40001,
                "symbol"),
            new Case(
                "POST",
                "/api/v1/risk/symbols/disable",
                "{\"symbol\":\"btc\",\"operator\":\"a\"}",
                40001,
                "symbol"),
            new Case(
                "POST", "/api/v1/risk/symbols/disable", "{\"operator\":\"a\"}", 40002, "symbol"),
            new Case("GET", "/api/v1/risk/alerts?page_size=0", null, 40001, "page_size"),
            new Case("GET", "/api/v1/risk/alerts?page_size=501", null, 40001, "page_size"),
            new Case("GET", "/api/v1/risk/alerts?page=0", null, 40001, "page"),
            new Case("GET", "/api/v1/risk/alerts?severity=fatal", null, 40001, "severity"),
            new Case("GET", "/api/v1/risk/alerts?start_date=2026-13-01", null, 40001, "start_date"),
            new Case("GET", "/api/v1/orders/history?side=long", null, 40001, "side"),
            new Case("GET", "/api/v1/orders/history?symbol=BTC", null, 40001, "symbol"),
            new Case(
                "GET",
                "/api/v1/orders/history?start_date=2026-03-02&end_date=2026-03-01",
                null,
                40001,
                "end_date"),
            new Case("GET", "/api/v1/orders/trades?page_size=abc", null, 40001, "page_size"),
            // a year-0 end_date ended the range before its implicit 1970 start: a 500 once
            new Case("GET", "/api/v1/orders/history?end_date=0000-01-01", null, 40001, "end_date"),
            new Case(
                "GET",
                "/api/v1/orders/rebalance-history?end_date=0000-01-01",
                null,
                40001,
                "end_date"),
            new Case("GET", "/api/v1/orders/trades?end_date=0000-01-01", null, 40001, "end_date"),
            new Case(
                "GET",
                "/api/v1/orders/rebalance-history?end_date=yesterday",
                null,
                40001,
                "end_date"));
    for (Case c : cases) {
      TestServer.Response r =
          c.method().equals("GET") ? api.get(c.path()) : post(c.path(), c.body());
      assertThat(r.status()).as(c.toString() + " -> " + r.body()).isEqualTo(400);
      assertThat(r.code()).as(c.toString() + " -> " + r.body()).isEqualTo(c.code());
      assertThat(r.message()).as(c.toString()).contains(c.field());
    }
    assertThat(risk.emergencyStopped()).isFalse();
    assertThat(store.loadEmergencyStop()).isEmpty();
    assertThat(store.loadSymbolControls()).isEmpty();
  }

  @Test
  void writes_needTheToken() {
    TestServer.Response r =
        api.send(
            "POST",
            "/api/v1/system/emergency-stop",
            Map.of("Content-Type", "application/json"),
            "{\"confirm\": true, \"reason\": \"x\", \"operator\": \"a\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(risk.emergencyStopped()).isFalse();
  }

  @Test
  void viewerToken_readsButCannotAct() {
    Map<String, String> viewer =
        Map.of("Authorization", "Bearer " + TestServer.VIEWER, "Content-Type", "application/json");
    assertThat(api.send("GET", "/api/v1/risk/status", viewer, null).status()).isEqualTo(200);
    assertThat(api.send("GET", "/api/v1/orders/history", viewer, null).status()).isEqualTo(200);
    for (String path :
        List.of(
            "/api/v1/system/emergency-stop",
            "/api/v1/system/resume",
            "/api/v1/risk/symbols/disable")) {
      TestServer.Response r =
          api.send(
              "POST",
              path,
              viewer,
              "{\"confirm\": true, \"reason\": \"x\", \"operator\": \"a\","
                  + " \"symbol\": \"BTC/USDT:USDT\"}");
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.code()).isEqualTo(40108);
    }
    assertThat(risk.emergencyStopped()).isFalse();
    assertThat(store.loadSymbolControls()).isEmpty();
  }

  @Test
  void orderHistory_paginatesAndFilters_inTheSpecShape() {
    JsonNode data = api.get("/api/v1/orders/history?page=2&page_size=2").data();
    assertThat(data.at("/pagination/total_items").asLong()).isEqualTo(5);
    assertThat(data.at("/pagination/total_pages").asLong()).isEqualTo(3);
    assertThat(data.get("items").findValuesAsText("order_id")).containsExactly("o2", "o1");
    JsonNode first = api.get("/api/v1/orders/history?page_size=1").data().get("items").get(0);
    assertThat(first.get("cost").asDouble()).isEqualTo(312.25);
    assertThat(first.get("filled_at").asText()).isEqualTo("2026-03-03T00:00:04Z");
    assertThat(first.get("rebalance_id").asText()).isEqualTo("rb-1");
    JsonNode eth = api.get("/api/v1/orders/history?symbol=ETH/USDT:USDT").data();
    assertThat(eth.get("items").findValuesAsText("symbol")).containsOnly("ETH/USDT:USDT");
    assertThat(eth.at("/pagination/total_items").asLong()).isEqualTo(2);
    JsonNode open = api.get("/api/v1/account/open-orders").data();
    assertThat(open.get("total_open_orders").asInt()).isEqualTo(1);
    assertThat(open.get("orders").get(0).get("avg_fill_price").isNull()).isTrue();
    JsonNode trades = api.get("/api/v1/orders/trades").data();
    assertThat(trades.get("items").get(0).get("fee_currency").asText()).isEqualTo("USDT");
    JsonNode rebalances = api.get("/api/v1/orders/rebalance-history").data();
    assertThat(rebalances.get("rebalances").get(0).get("orders_total").asInt()).isEqualTo(12);
  }

  @Test
  void rebalanceHistory_hasDryRun_wallClockExecutionTime_andMoneyAt2dp() {
    JsonNode rb = api.get("/api/v1/orders/rebalance-history").data().get("rebalances").get(0);
    assertThat(rb.get("dry_run").asBoolean()).isTrue();
    assertThat(rb.get("execution_time_ms").asLong()).isEqualTo(37);
    assertThat(rb.get("timestamp").asText()).isEqualTo("2026-03-02T23:59:00Z"); // its start
    assertThat(rb.get("fee_total").toString()).isEqualTo("4.5");
    JsonNode order = api.get("/api/v1/orders/history?page_size=1").data().get("items").get(0);
    assertThat(order.get("fee").toString()).isEqualTo("0.13");
    assertThat(order.get("cost").toString()).isEqualTo("312.25");
    JsonNode trade = api.get("/api/v1/orders/trades?page_size=1").data().get("items").get(0);
    assertThat(trade.get("fee").toString()).isEqualTo("0.13");
    assertThat(trade.get("fee_exact").toString()).isEqualTo("0.12512345");
    assertThat(trade.get("cost").toString()).isEqualTo("312.25");
  }

  @Test
  void symbolInput_acceptsTheVenueForm_andAnswersInTheSpecForm() {
    JsonNode orders = api.get("/api/v1/orders/history?symbol=ETHUSDT").data();
    assertThat(orders.get("items").findValuesAsText("symbol")).containsOnly("ETH/USDT:USDT");
    assertThat(orders.at("/pagination/total_items").asLong()).isEqualTo(2);
    JsonNode trades = api.get("/api/v1/orders/trades?symbol=ETHUSDT").data();
    assertThat(trades.get("items").findValuesAsText("symbol")).containsOnly("ETH/USDT:USDT");
    TestServer.Response r =
        post(
            "/api/v1/risk/symbols/disable",
            "{\"symbol\": \"ETHUSDT\", \"reason\": \"spread\", \"operator\": \"alice\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("symbol").asText()).isEqualTo("ETH/USDT:USDT");
    assertThat(risk.disabledControl(ETH)).isPresent();
    r = post("/api/v1/risk/symbols/enable", "{\"symbol\": \"ETHUSDT\", \"operator\": \"bob\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(risk.disabledControl(ETH)).isEmpty();
    TestServer.Response unknown = api.get("/api/v1/orders/history?symbol=ETHEUR");
    assertThat(unknown.code()).isEqualTo(40001);
    assertThat(unknown.message()).contains("symbol").contains("BTCUSDT");
  }

  /** Five orders (o4 newest, o0 open), one fill per filled order, one rebalance. */
  private static final class FakeHistory implements TradingHistory {
    private final List<OrderRecord> orders = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();

    FakeHistory() {
      for (int i = 0; i < 5; i++) {
        Order o =
            new Order(
                ClientOrderId.of("o" + i),
                i % 2 == 0 ? BTC : ETH,
                OrderSide.BUY,
                OrderType.MARKET,
                Quantity.parse("0.005", 3),
                null,
                false,
                StrategyId.of("baseline_rev"),
                RebalanceId.of("rb-1"),
                T0 + i * 1000L);
        boolean filled = i > 0;
        orders.add(
            new OrderRecord(
                o,
                filled ? OrderStatus.FILLED : OrderStatus.OPEN,
                filled
                    ? Quantity.parse("0.005", o.quantity().scale())
                    : Quantity.zero(o.quantity().scale()),
                filled ? Price.parse("62450", 8) : OrderRecord.NO_FILL_PRICE,
                filled ? Money.parse("0.12512345") : Money.ZERO,
                null,
                true,
                T0 + 60_000 + i * 1000L));
        if (filled) {
          fills.add(
              new Fill(
                  TradeId.of("t" + i),
                  o.clientOrderId(),
                  o.instrument(),
                  o.side(),
                  o.quantity(),
                  Price.parse("62450", 1),
                  Money.parse("0.12512345"),
                  Liquidity.TAKER,
                  T0 + 60_000 + i * 1000L));
        }
      }
      orders.sort(Comparator.comparingLong((OrderRecord r) -> r.order().createdAtMs()).reversed());
    }

    private static <T> Page<T> page(List<T> all, Query q, Predicate<T> keep) {
      List<T> match = all.stream().filter(keep).toList();
      int from = (int) Math.min(match.size(), q.offset());
      return new Page<>(
          match.subList(from, Math.min(match.size(), from + q.pageSize())), match.size());
    }

    @Override
    public Page<OrderRecord> orders(Query q) {
      return page(
          orders,
          q,
          r ->
              (q.symbol() == null || r.order().instrument().equals(q.symbol()))
                  && (q.side() == null || r.order().side() == q.side())
                  && r.order().createdAtMs() >= q.fromMs()
                  && r.order().createdAtMs() <= q.toMs());
    }

    @Override
    public Page<Fill> fills(Query q) {
      return page(fills, q, f -> q.symbol() == null || f.instrument().equals(q.symbol()));
    }

    @Override
    public Page<RebalanceCompleted> rebalances(Query q) {
      return page(
          List.of(
              new RebalanceCompleted(
                  T0 + 60_000,
                  RebalanceId.of("rb-1"),
                  StrategyId.of("baseline_rev"),
                  "cron",
                  12,
                  11,
                  1,
                  0.45,
                  Money.parse("4.50123456"),
                  30,
                  30,
                  37,
                  T0,
                  true)),
          q,
          r -> true);
    }

    @Override
    public List<OrderRecord> openOrders() {
      return orders.stream().filter(r -> !r.status().isTerminal()).toList();
    }

    @Override
    public List<PortfolioSnapshot> snapshots(
        String accountId, PortfolioSnapshot.Interval interval, long fromMs, long toMs) {
      return List.of();
    }
  }
}
