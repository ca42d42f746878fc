package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.server.v1.RiskRoutes;
import io.perpetua.server.v1.control.ControlRoutes;
import io.perpetua.trading.control.AccountKind;
import io.perpetua.trading.control.AccountPorts;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.AlertBook;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.control.ControlAccount;
import io.perpetua.trading.control.ControlPlane;
import io.perpetua.trading.control.FeedRouter;
import io.perpetua.trading.control.MarginMode;
import io.perpetua.trading.kernel.AccountKernels;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec 001 contract: every endpoint answers the document's example request with a response of the
 * document's shape (camelCase, epoch-ms numbers, bare objects); bad input → the 001 code with a
 * message naming the field, and nothing changes.
 */
class ControlRoutesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Instrument BTC_I =
      new Instrument(BTC, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(5));
  private static final List<String> IDS = List.of("pacifica-main", "aster-hedge", "binance-backup");

  private final Map<String, ControlToyVenue> venues = new LinkedHashMap<>();
  private final List<String> journal = new ArrayList<>();
  private ControlPlane plane;
  private FeedRouter feeds;
  private TestServer api;

  @BeforeEach
  void start() {
    long now = System.currentTimeMillis();
    AlertBook alerts = new AlertBook(100, System::currentTimeMillis);
    AccountRegistry registry = new AccountRegistry(System::currentTimeMillis);
    Book book =
        Book.top(
            new BigDecimal("49999.9"), BigDecimal.TEN, new BigDecimal("50000.1"), BigDecimal.TEN);
    for (String id : IDS) {
      ControlToyVenue v = new ControlToyVenue();
      venues.put(id, v);
      registry.register(
          new ControlAccount(
              id,
              id.startsWith("binance") ? "binance" : id.split("-")[0],
              AccountKind.PERP,
              "env:" + id.toUpperCase().replace('-', '_') + "_KEY",
              5,
              MarginMode.CROSS,
              new BigDecimal("0.0004"),
              Map.of()),
          new AccountPorts(v, v, i -> Optional.of(book), Map.of(BTC, BTC_I)),
          AccountKernels.unjournaled(System::currentTimeMillis)
              .observing(
                  (account, order) -> journal.add(account + ":" + order.clientOrderId().value())));
    }
    venues.get("pacifica-main").setPosition("BTCUSDT", new BigDecimal("0.25"));
    feeds =
        new FeedRouter(
            List.of("binance-stream", "binance-rest"),
            new FeedRouter.Settings(1_000, 3_000, 3),
            System::currentTimeMillis,
            alerts,
            (f, i, b) -> {});
    feeds.onUpdate("binance-stream", BTC, book, now);
    feeds.onUpdate("binance-rest", BTC, book, now);
    plane = new ControlPlane(registry, alerts, feeds, System::currentTimeMillis);
    ControlRoutes routes = new ControlRoutes(() -> plane, System::currentTimeMillis);
    api =
        TestServer.start(
            routes, new RiskRoutes(() -> null, Set::of).withControlAlerts(routes::alerts));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private TestServer.Response post(String path, String body) {
    return api.send(
        "POST",
        path,
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  private static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private BigDecimal net() {
    return venues.values().stream()
        .map(v -> v.position("BTCUSDT"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void deltaControl_documentExample_answersTheDocumentShape_andHedges() {
    TestServer.Response r =
        post(
            "/api/v1/delta/control",
            """
        {"targetDelta": 0.0, "accounts": ["pacifica-main", "aster-hedge"],
         "maxDeviation": 0.1, "symbol": "BTC-USD"}""");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(fields(j))
        .contains(
            "success",
            "operationId",
            "timestamp",
            "initialDelta",
            "finalDelta",
            "deltaDeviation",
            "accountsProcessed",
            "totalAdjustments",
            "executionTime",
            "adjustmentNeeded",
            "hedgeResults");
    assertThat(j.get("success").asBoolean()).isTrue();
    assertThat(j.get("operationId").asText()).matches("delta-ctrl-\\d{8}-\\d{6}-\\d{3}");
    assertThat(j.get("timestamp").isIntegralNumber()).isTrue();
    assertThat(j.get("timestamp").asLong()).isGreaterThan(1_600_000_000_000L);
    assertThat(j.get("initialDelta").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(j.get("finalDelta").decimalValue()).isEqualByComparingTo("0");
    assertThat(j.get("adjustmentNeeded").asBoolean()).isTrue();
    JsonNode h = j.get("hedgeResults");
    assertThat(fields(h)).contains("success", "executedOrders", "totalCost", "netDeltaChange");
    JsonNode order = h.get("executedOrders").get(0);
    assertThat(fields(order))
        .contains(
            "orderId",
            "accountId",
            "symbol",
            "amount",
            "side",
            "executedPrice",
            "fees",
            "timestamp");
    assertThat(order.get("side").asText()).isEqualTo("sell");
    assertThat(order.get("symbol").asText()).isEqualTo("BTC-USD");
    assertThat(h.get("netDeltaChange").decimalValue()).isEqualByComparingTo("-0.25");
    assertThat(net()).isEqualByComparingTo("0");
    assertThat(journal).hasSize(1);
  }

  @Test
  void deltaControl_dryRun_returnsThePlan_andSendsNothing() {
    TestServer.Response r =
        post(
            "/api/v1/delta/control",
            """
        {"targetDelta": 0.0, "accounts": ["pacifica-main", "aster-hedge"],
         "maxDeviation": 0.1, "symbol": "BTC-USD", "dryRun": true}""");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(
            r.json().get("hedgeResults").get("executedOrders").get(0).get("amount").decimalValue())
        .isEqualByComparingTo("0.25");
    assertThat(r.json().get("finalDelta").decimalValue()).isEqualByComparingTo("0");
    assertThat(net()).isEqualByComparingTo("0.25");
    assertThat(journal).isEmpty();
    venues.values().forEach(v -> assertThat(v.accepted()).isEmpty());
  }

  @Test
  void badInput_answersThe001Codes_withTheField_andChangesNothing() {
    assertError(
        post(
            "/api/v1/delta/control",
            """
        {"targetDelta": 0, "accounts": ["nobody"], "maxDeviation": 0.1, "symbol": "BTC-USD"}"""),
        400,
        1001,
        "accounts");
    assertError(
        post(
            "/api/v1/delta/control",
            """
        {"targetDelta": 0, "accounts": ["pacifica-main"], "maxDeviation": 5, "symbol": "BTC-USD"}
        """),
        400,
        1002,
        "maxDeviation");
    assertError(
        post(
            "/api/v1/delta/control",
            """
        {"targetDelta": 0, "accounts": ["pacifica-main"], "maxDeviation": 0.1, "symbol": "DOGE-EUR"}
        """),
        400,
        1005,
        "symbol");
    assertError(post("/api/v1/delta/control", "{not json"), 400, 1001, "");
    assertError(
        post(
            "/api/v1/hedge/execute",
            """
        {"symbol": "BTC-USD", "targetAccounts": ["pacifica-main"], "hedgeAmount": 0.1,
         "hedgeStrategy": "yolo"}"""),
        400,
        1003,
        "hedgeStrategy");
    assertError(
        post(
            "/api/v1/hedge/execute",
            """
        {"symbol": "BTC-USD", "targetAccounts": ["pacifica-main"], "hedgeAmount": 0.1,
         "hedgeStrategy": "delta-neutral", "timeout": 5}"""),
        409,
        2001,
        "timeout");
    assertError(
        post("/api/v1/market-data/failover", "{\"targetFeed\": \"nope\"}"),
        400,
        1005,
        "targetFeed");
    assertError(api.get("/api/v1/risk/metrics/nobody"), 400, 1001, "nobody");
    assertError(api.get("/api/v1/risk/alerts?accountId=nobody"), 400, 40080, "nobody");
    assertThat(net()).isEqualByComparingTo("0.25");
    assertThat(journal).isEmpty();
    assertThat(feeds.view().activeFeed()).isEqualTo("binance-stream");
  }

  private static void assertError(TestServer.Response r, int status, int code, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode j = r.json();
    if (code >= 10_000) { // the spec-000 envelope of the shared alerts path
      assertThat(j.get("code").asInt()).isEqualTo(code);
      assertThat(j.get("message").asText()).contains(field);
      return;
    }
    assertThat(j.get("success").asBoolean()).isFalse();
    assertThat(j.get("code").asInt()).as(r.body()).isEqualTo(code);
    assertThat(j.get("error").asText()).contains(field);
  }

  @Test
  void utilizationAndSync_answerTheDocumentShapes() {
    TestServer.Response u =
        post(
            "/api/v1/utilization/rebalance",
            """
        {"targetUtilization": 0.75, "accounts": ["pacifica-main", "aster-hedge",
         "binance-backup"], "symbol": "BTC-USD", "tolerancePercent": 0.1}""");
    assertThat(u.status()).as(u.body()).isEqualTo(200);
    assertThat(fields(u.json()))
        .contains(
            "success",
            "operationId",
            "timestamp",
            "accountsProcessed",
            "averageUtilization",
            "targetUtilization",
            "executionTime",
            "rebalanceNeeded",
            "rebalanceActions",
            "utilizationMetrics");
    JsonNode action = u.json().get("rebalanceActions").get(0);
    assertThat(action.get("action").asText()).isEqualTo("increase"); // 0.25 BTC / 5x on 10k
    assertThat(action.get("currentUtilization").asDouble()).isEqualTo(0.25);
    assertThat(u.json().get("utilizationMetrics").get(0).get("withinTolerance").asBoolean())
        .isFalse();

    TestServer.Response s =
        post(
            "/api/v1/account/sync",
            """
        {"accounts": ["pacifica-main", "aster-hedge"], "includePositions": true}""");
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    assertThat(fields(s.json()))
        .contains("success", "syncedAccounts", "failedAccounts", "syncTime", "accountStates");
    JsonNode st = s.json().get("accountStates").get(0);
    assertThat(fields(st))
        .contains(
            "accountId",
            "exchange",
            "totalBalance",
            "availableBalance",
            "netPosition",
            "unrealizedPnl",
            "lastUpdated");
    assertThat(st.get("netPosition").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(st.get("availableBalance").decimalValue()).isEqualByComparingTo("7500");
    assertThat(s.body()).doesNotContain("PACIFICA_MAIN_KEY");
  }

  @Test
  void metricsHistoryAlertsAndFeeds_answerTheDocumentShapes() {
    post(
        "/api/v1/utilization/rebalance",
        """
        {"targetUtilization": 0.75, "accounts": ["pacifica-main", "aster-hedge",
         "binance-backup"], "symbol": "BTC-USD", "tolerancePercent": 0.1}""");
    JsonNode m = api.get("/api/v1/risk/metrics/pacifica-main").json();
    assertThat(fields(m))
        .containsExactly(
            "accountId",
            "deltaDeviation",
            "utilizationRate",
            "leverageRatio",
            "unrealizedPnl",
            "maxDrawdown",
            "timestamp");
    assertThat(m.get("leverageRatio").asDouble()).isEqualTo(1.25);
    api.get("/api/v1/risk/metrics/pacifica-main");
    JsonNode hist = api.get("/api/v1/risk/metrics/pacifica-main/history?limit=1").json();
    assertThat(hist.get("items")).hasSize(1);
    long ts = m.get("timestamp").asLong();
    assertThat(
            api.get("/api/v1/risk/metrics/pacifica-main/history?since=" + (ts + 60_000))
                .json()
                .get("items"))
        .isEmpty();

    JsonNode alerts = api.get("/api/v1/risk/alerts?accountId=pacifica-main").data();
    assertThat(alerts.get(0).get("type").asText()).isEqualTo("utilization-alert");
    assertThat(fields(alerts.get(0)))
        .containsExactly("id", "type", "severity", "accountId", "message", "timestamp", "data");
    assertThat(api.get("/api/v1/risk/alerts?severity=CRITICAL").data()).isEmpty();
    assertThat(api.get("/api/v1/risk/alerts?severity=WARN").data()).hasSize(3);

    JsonNode f = api.get("/api/v1/market-data/feeds").json();
    assertThat(fields(f)).containsExactly("feeds", "activeFeed", "lastFailover");
    assertThat(fields(f.get("feeds").get(0)))
        .containsExactly("feedId", "status", "latency", "lastUpdate", "errorCount");
    TestServer.Response fo =
        post(
            "/api/v1/market-data/failover",
            "{\"targetFeed\": \"binance-rest\", \"reason\": \"drill\"}");
    assertThat(fo.status()).as(fo.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/market-data/feeds").json().get("activeFeed").asText())
        .isEqualTo("binance-rest");
    assertThat(api.get("/api/v1/risk/alerts?accountId=system").data().get(0).get("type").asText())
        .isEqualTo("failover-alert");
  }

  @Test
  void accounts_listTheConfiguration_neverTheCredentials() {
    TestServer.Response r =
        api.send(
            "GET",
            "/api/v1/control/accounts",
            Map.of("Authorization", "Bearer " + TestServer.TOKEN),
            null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode accounts = r.json().get("accounts");
    assertThat(accounts).hasSize(3);
    assertThat(accounts.findValuesAsText("accountId")).containsExactlyElementsOf(IDS);
    JsonNode first = accounts.get(0);
    assertThat(fields(first))
        .containsExactly(
            "accountId", "venue", "kind", "leverage", "marginMode", "takerFee", "symbols");
    assertThat(first.get("venue").asText()).isEqualTo("pacifica");
    assertThat(first.get("kind").asText()).isEqualTo("perp");
    assertThat(first.get("marginMode").asText()).isEqualTo("cross");
    assertThat(first.get("leverage").asInt()).isEqualTo(5);
    assertThat(r.body())
        .doesNotContain("env:")
        .doesNotContain("_KEY")
        .doesNotContain("credentials");
  }

  @Test
  void hedge_crossPlatform_hedgesTheSourceOnAnotherVenue() {
    TestServer.Response r =
        post(
            "/api/v1/hedge/execute",
            """
        {"symbol": "BTC-USD", "targetAccounts": ["pacifica-main", "aster-hedge"],
         "hedgeAmount": 0.1, "hedgeStrategy": "cross-platform", "maxSlippage": 0.005}""");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(fields(r.json()))
        .contains(
            "success",
            "executedOrders",
            "totalCost",
            "executionTime",
            "netDeltaChange",
            "slippage");
    assertThat(r.json().get("executedOrders").get(0).get("accountId").asText())
        .isEqualTo("aster-hedge");
    assertThat(venues.get("aster-hedge").position("BTCUSDT")).isEqualByComparingTo("-0.1");
  }

  @Test
  void stopAndRestart_needAdmin_areRecorded_andStopRefusesOperations() {
    TestServer.Response viewer =
        api.send(
            "POST",
            "/api/v1/system/stop",
            Map.of(
                "Authorization", "Bearer " + TestServer.VIEWER, "Content-Type", "application/json"),
            "{\"reason\": \"x\"}");
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.json().get("code").asInt()).isEqualTo(3001);
    assertThat(
            post("/api/v1/system/stop", "{\"reason\": \"maintenance\", \"operator\": \"ops\"}")
                .json()
                .get("status")
                .asText())
        .isEqualTo("stopped");
    assertError(
        post(
            "/api/v1/delta/control",
            """
        {"targetDelta": 0, "accounts": ["pacifica-main"], "maxDeviation": 0.1, "symbol": "BTC-USD"}
        """),
        409,
        2001,
        "stopped");
    assertThat(
            post("/api/v1/system/restart", "{\"reason\": \"done\"}").json().get("status").asText())
        .isEqualTo("running");
    assertThat(plane.lifecycleEvents())
        .extracting(ControlPlane.LifecycleEvent::action)
        .containsExactly("stop", "restart");
    assertThat(net()).isEqualByComparingTo("0.25");
  }
}
