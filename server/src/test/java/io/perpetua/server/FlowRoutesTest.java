package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.server.http.Route;
import io.perpetua.server.v1.flow.FlowBacktestRoutes;
import io.perpetua.server.v1.flow.FlowPaperRoutes;
import io.perpetua.server.v1.flow.FlowStrategyRoutes;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order-flow API over HTTP on an engine that replayed 2.5 h of synthetic BTC flow: shapes
 * against the generated schemas, the strategy lifecycle, filters and pagination, and every kind of
 * bad input answered with a field-named 400xx/409xx with nothing stored.
 */
class FlowRoutesTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final InstrumentId ETH = InstrumentId.fromVenueSymbol("ETHUSDT");
  private static final String EAGER =
      "{\"display_name\":\"eager\",\"symbol\":\"BTCUSDT\",\"cvd_fast_window\":\"5m\","
          + "\"cvd_slow_window\":\"30m\",\"weight_direction\":50,\"weight_env\":30,"
          + "\"weight_aux\":10,\"weight_momentum\":10,\"entry_score\":60,\"vol_min\":0.0001,"
          + "\"whale_gate_on\":false,\"obi_gate_on\":false,\"spot_perp_gate_on\":false,"
          + "\"sl_atr_multiplier\":1.0,\"tp1_ratio\":0.5,\"tp2_ratio\":1.0,\"timeout_minutes\":30,"
          + "\"flip_threshold\":65}";
  private static List<FlowTick> ticks;
  private static FlowService service;
  private static TestServer api;

  @BeforeAll
  static void start() {
    ticks =
        new SyntheticTickGenerator(
                5, 1_700_000_000_000L, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)))
            .generate(150 * 60_000L);
    service =
        new FlowService(
            FlowEngineSettings.paper("api-test").withDefaultWarmupMs(75 * 60_000L),
            Set.of(BTC, ETH),
            new InMemoryFlowJournal(),
            () -> 1_700_000_000_000L,
            null);
    service.start( // paper: the kernel over its simulated venue
        strategy ->
            TickKernels.simulated(
                List.of(Instrument.derivedFrom(BTC, 60_000), Instrument.derivedFrom(ETH, 3_000)),
                null,
                new KernelListener() {},
                strategy,
                1_700_000_000_000L));
    api =
        TestServer.start(
            new FlowStrategyRoutes(() -> service),
            new FlowPaperRoutes(() -> service),
            new FlowBacktestRoutes(() -> service, (source, symbol, hours, seed) -> ticks));
    TestServer.Response r = send("POST", "/api/v1/flow/strategies", EAGER);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    int half = ticks.size() * 3 / 5;
    ticks.subList(0, half).forEach(service::onTick);
    r = send("PATCH", "/api/v1/flow/strategies/factory-1", "{\"entry_score\": 61}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    ticks.subList(half, ticks.size()).forEach(service::onTick);
  }

  @AfterAll
  static void stop() {
    api.server.stop();
  }

  private static TestServer.Response send(String method, String path, String body) {
    return api.send(
        method,
        path,
        Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json"),
        body);
  }

  private static String livePath(Route route) {
    String p = route.path().replace("{strategy_id}", "factory-1");
    return p.endsWith("/indicators") || p.endsWith("/equity") ? p + "?strategy_id=factory-1" : p;
  }

  @Test
  void everyRoute_exampleAndLiveResponse_matchTheGeneratedSchema() {
    assertThat(OpenApiChecks.everyFlowRoute(api, "/api/v1/flow/", FlowRoutesTest::livePath))
        .isEqualTo(19);
  }

  @Test
  void symbolFilter_acceptsTheApiForm_andAnswersInTheVenueForm() {
    JsonNode venue = api.get("/api/v1/flow/signals/latest?symbol=BTCUSDT").data();
    TestServer.Response api1 = api.get("/api/v1/flow/signals/latest?symbol=BTC/USDT:USDT");
    assertThat(api1.status()).as(api1.body()).isEqualTo(200);
    assertThat(api1.data()).isEqualTo(venue);
    assertThat(venue.get("items").findValuesAsText("symbol")).containsOnly("BTCUSDT");
  }

  @Test
  void replay_producesSignalsTradesPositionsAndStatistics() {
    JsonNode latest = api.get("/api/v1/flow/signals/latest?symbol=BTCUSDT").data();
    JsonNode s = latest.get("items").get(0);
    assertThat(s.get("strategy_id").asText()).isEqualTo("factory-1");
    assertThat(s.get("strategy_version").asText()).isEqualTo("2"); // the patch applied live
    assertThat(s.get("factors").size()).isPositive();
    assertThat(s.get("inputs").get("price").asDouble()).isPositive();
    assertThat(s.has("gate_passed") && s.has("block_reason") && s.has("tier")).isTrue();

    JsonNode page = api.get("/api/v1/flow/signals/history?page=2&page_size=7").data();
    assertThat(page.get("items")).hasSize(7);
    long total = page.get("pagination").get("total_items").asLong();
    assertThat(total).isEqualTo(service.journal().counts().evaluations());
    assertThat(page.get("pagination").get("total_pages").asLong()).isEqualTo((total + 6) / 7);
    JsonNode versions = api.get("/api/v1/flow/signals/history?page_size=500").data().get("items");
    assertThat(versions.findValuesAsText("strategy_version")).contains("1", "2");

    JsonNode trades = api.get("/api/v1/flow/paper/trades?page_size=500").data();
    int all = trades.get("pagination").get("total_items").asInt();
    assertThat(all).isPositive();
    JsonNode wins = api.get("/api/v1/flow/paper/trades?result=win&page_size=500").data();
    JsonNode losses = api.get("/api/v1/flow/paper/trades?result=loss&strategy_id=factory-1").data();
    assertThat(wins.get("items").findValuesAsText("result")).allMatch("win"::equals);
    assertThat(
            wins.get("pagination").get("total_items").asInt()
                + losses.get("pagination").get("total_items").asInt())
        .isEqualTo(all);
    String status = trades.get("items").get(0).get("status").asText();
    JsonNode byStatus = api.get("/api/v1/flow/paper/trades?status=" + status).data();
    assertThat(byStatus.get("items").findValuesAsText("status")).allMatch(status::equals);
    assertThat(api.get("/api/v1/flow/paper/trades?symbol=ETHUSDT").data().get("items")).isEmpty();

    JsonNode stats = api.get("/api/v1/flow/paper/statistics?strategy_id=factory-1").data();
    assertThat(stats.get("trades").asInt()).isEqualTo(all);
    assertThat(stats.get("by_exit").size()).isPositive();
    assertThat(stats.get("by_hour").size()).isPositive();
    JsonNode equity = api.get("/api/v1/flow/paper/equity?strategy_id=factory-1").data();
    assertThat(equity.get("points")).hasSize(all);
    assertThat(equity.get("initial_balance").asDouble()).isEqualTo(10_000);
    JsonNode summary = api.get("/api/v1/flow/paper/summary").data();
    assertThat(summary.get("strategies").get(0).get("trades").asInt()).isEqualTo(all);
    assertThat(summary.get("ticks_processed").asLong()).isEqualTo(ticks.size());
    JsonNode series = api.get("/api/v1/flow/indicators?strategy_id=factory-1&limit=10").data();
    assertThat(series.get("points")).hasSize(10);
    JsonNode positions = api.get("/api/v1/flow/paper/positions").data().get("items");
    assertThat(positions.size()).isEqualTo(service.positions().size());
    positions.forEach(p -> assertThat(p.has("unrealized_r")).isTrue());
  }

  @Test
  void lifecycle_pauseResumeDeprecateRestoreAddBalance_andPatchingADeprecatedStrategyIs409() {
    TestServer.Response r =
        send(
            "POST",
            "/api/v1/flow/strategies",
            "{\"display_name\":\"Second\",\"symbol\":\"ETHUSDT\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String id = r.data().get("strategy_id").asText();
    String base = "/api/v1/flow/strategies/" + id;
    assertThat(r.data().get("parameters").get("entry_score").asDouble()).isEqualTo(75);
    assertThat(send("POST", base + "/pause", null).data().get("status").asText())
        .isEqualTo("paused");
    assertThat(send("POST", base + "/pause", null).code()).isEqualTo(40005);
    assertThat(send("POST", base + "/resume", null).data().get("status").asText())
        .isEqualTo("running");
    assertThat(send("POST", base + "/deprecate", null).data().get("status").asText())
        .isEqualTo("deprecated");
    TestServer.Response conflict = send("PATCH", base, "{\"entry_score\": 80}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.code()).isEqualTo(40005);
    assertThat(conflict.message()).contains("deprecated");
    assertThat(
            api.get("/api/v1/flow/strategies?include_deprecated=false")
                .data()
                .get("items")
                .findValuesAsText("strategy_id"))
        .doesNotContain(id);
    assertThat(
            api.get("/api/v1/flow/strategies").data().get("items").findValuesAsText("strategy_id"))
        .contains(id);
    assertThat(send("POST", base + "/restore", null).data().get("status").asText())
        .isEqualTo("paused");
    r = send("POST", base + "/add-balance", "{\"amount\": \"2500\"}");
    assertThat(r.data().get("initial_balance").asDouble()).isEqualTo(12_500);
    assertThat(r.data().get("balance").asDouble()).isEqualTo(12_500);
    r = send("PATCH", base, "{\"entry_score\": 80, \"flip_threshold\": 85}");
    assertThat(r.data().get("version").asInt()).isEqualTo(2);
    assertThat(api.get(base + "/versions").data().get("items")).hasSize(2);
    assertThat(api.get(base).data().get("parameters").get("flip_threshold").asDouble())
        .isEqualTo(85);
  }

  @Test
  void badInput_isRejectedNamingTheField_andNothingIsStored() {
    record Case(String method, String path, String body, int code, String field) {}
    String create = "/api/v1/flow/strategies";
    String one = "/api/v1/flow/strategies/factory-1";
    String n = "\"display_name\":\"bad\",";
    List<Case> cases =
        List.of(
            new Case(
                "POST", create, "{" + n + "\"initial_balance\":999}", 40001, "initial_balance"),
            new Case(
                "POST", create, "{" + n + "\"initial_balance\":1000001}", 40001, "initial_balance"),
            new Case(
                "POST", create, "{" + n + "\"cvd_fast_window\":\"1m\"}", 40001, "cvd_fast_window"),
            new Case(
                "POST", create, "{" + n + "\"cvd_slow_window\":\"15m\"}", 40001, "cvd_slow_window"),
            new Case(
                "POST", create, "{" + n + "\"weight_direction\":81}", 40001, "weight_direction"),
            new Case("POST", create, "{" + n + "\"weight_env\":4}", 40001, "weight_env"),
            new Case("POST", create, "{" + n + "\"weight_aux\":41}", 40001, "weight_aux"),
            new Case("POST", create, "{" + n + "\"weight_momentum\":21}", 40001, "weight_momentum"),
            new Case("POST", create, "{" + n + "\"weight_direction\":54}", 40001, "weights"),
            new Case("POST", create, "{" + n + "\"entry_score\":59}", 40001, "entry_score"),
            new Case("POST", create, "{" + n + "\"entry_score\":96}", 40001, "entry_score"),
            new Case("POST", create, "{" + n + "\"vol_min\":0.03}", 40001, "vol_min"),
            new Case("POST", create, "{" + n + "\"whale_usd\":999}", 40001, "whale_usd"),
            new Case("POST", create, "{" + n + "\"whale_flow_pct\":1.5}", 40001, "whale_flow_pct"),
            new Case("POST", create, "{" + n + "\"obi_veto\":0.05}", 40001, "obi_veto"),
            new Case("POST", create, "{" + n + "\"spot_perp_veto\":0.02}", 40001, "spot_perp_veto"),
            new Case(
                "POST", create, "{" + n + "\"sl_atr_multiplier\":3.5}", 40001, "sl_atr_multiplier"),
            new Case("POST", create, "{" + n + "\"tp1_ratio\":0.2}", 40001, "tp1_ratio"),
            new Case("POST", create, "{" + n + "\"tp2_ratio\":4.5}", 40001, "tp2_ratio"),
            new Case("POST", create, "{" + n + "\"tp2_ratio\":0.6}", 40001, "tp2_ratio"),
            new Case("POST", create, "{" + n + "\"timeout_minutes\":20}", 40001, "timeout_minutes"),
            new Case("POST", create, "{" + n + "\"flip_threshold\":70}", 40001, "flip_threshold"),
            new Case("POST", create, "{" + n + "\"direction\":\"sideways\"}", 40001, "direction"),
            new Case("POST", create, "{" + n + "\"symbol\":\"DOGEUSDT\"}", 40001, "symbol"),
            new Case("POST", create, "{" + n + "\"symbol\":\"btc-usdt\"}", 40001, "symbol"),
            new Case("POST", create, "{\"display_name\":\"eager\"}", 40001, "display_name"),
            new Case(
                "POST",
                create,
                "{\"display_name\":\"" + "x".repeat(51) + "\"}",
                40001,
                "display_name"),
            new Case("POST", create, "{\"symbol\":\"BTCUSDT\"}", 40002, "display_name"),
            new Case("POST", create, "{" + n + "\"entry_score\":\"high\"}", 40001, "entry_score"),
            new Case("POST", create, "{" + n + "\"colour\":\"red\"}", 40001, "colour"),
            new Case("POST", create, "not json", 40003, ""),
            new Case("PATCH", one, "{\"symbol\":\"ETHUSDT\"}", 40001, "symbol"),
            new Case(
                "PATCH",
                one,
                "{\"flip_threshold\":60,\"entry_score\":70}",
                40001,
                "flip_threshold"),
            new Case("POST", one + "/add-balance", "{\"amount\":\"-5\"}", 40001, "amount"),
            new Case("POST", one + "/add-balance", "{\"amount\":\"995000\"}", 40001, "amount"),
            new Case("POST", one + "/add-balance", "{\"amount\":\"lots\"}", 40001, "amount"),
            new Case("POST", one + "/add-balance", "{}", 40002, "amount"),
            // money is kept to the cent: a third decimal would be added but never shown
            new Case("POST", one + "/add-balance", "{\"amount\":\"0.001\"}", 40001, "amount"),
            // strings are strings: a number or boolean is not converted
            new Case("POST", one + "/add-balance", "{\"amount\":2500}", 40001, "amount"),
            new Case("POST", create, "{\"display_name\":123}", 40001, "display_name"),
            new Case("POST", create, "{\"display_name\":true}", 40001, "display_name"),
            // a lone surrogate is not text: it cannot be stored or written back as UTF-8
            new Case("POST", create, "{\"display_name\":\"a\\ud800\"}", 40001, "display_name"),
            new Case("POST", "/api/v1/flow/backtests", "{\"source\":\"csv\"}", 40001, "source"),
            new Case("POST", "/api/v1/flow/backtests", "{\"hours\":100}", 40001, "hours"),
            new Case(
                "POST",
                "/api/v1/flow/backtests",
                "{\"strategy\":{\"entry_score\":10}}",
                40001,
                "entry_score"),
            new Case("GET", "/api/v1/flow/paper/trades?result=maybe", null, 40001, "result"),
            new Case("GET", "/api/v1/flow/paper/trades?status=open", null, 40001, "status"),
            new Case("GET", "/api/v1/flow/paper/trades?page_size=501", null, 40001, "page_size"),
            new Case(
                "GET",
                "/api/v1/flow/paper/trades?strategy_id=factory-99",
                null,
                40001,
                "strategy_id"),
            new Case("GET", "/api/v1/flow/signals/history?symbol=DOGEUSDT", null, 40001, "symbol"),
            new Case(
                "GET",
                "/api/v1/flow/signals/history?start_date=2023-11-15&end_date=2023-11-14",
                null,
                40001,
                "end_date"),
            new Case("GET", "/api/v1/flow/indicators", null, 40002, "strategy_id"),
            new Case(
                "GET", "/api/v1/flow/paper/equity?strategy_id=nope", null, 40001, "strategy_id"));
    var before = service.journal().counts();
    var rows = service.strategies();
    for (Case c : cases) {
      TestServer.Response r =
          c.method().equals("GET") ? api.get(c.path()) : send(c.method(), c.path(), c.body());
      assertThat(r.status()).as(c + " -> " + r.body()).isEqualTo(400);
      assertThat(r.code()).as(c + " -> " + r.body()).isEqualTo(c.code());
      assertThat(r.message()).as(c.toString()).contains(c.field());
    }
    TestServer.Response missing = api.get("/api/v1/flow/strategies/factory-99");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo(40401);
    assertThat(service.strategies()).isEqualTo(rows);
    assertThat(service.journal().counts().strategies()).isEqualTo(before.strategies());
  }

  @Test
  void backtest_runsTheStrategyOnTicks_withoutStoringAnything() {
    var before = service.journal().counts();
    TestServer.Response r =
        send(
            "POST",
            "/api/v1/flow/backtests",
            "{\"source\":\"synthetic\",\"strategy\":" + EAGER.replace("eager", "bt") + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("closed_trades").asInt()).isPositive();
    assertThat(r.data().get("trades")).hasSize(r.data().get("closed_trades").asInt());
    assertThat(r.data().get("evaluations").asLong()).isPositive();
    assertThat(service.journal().counts()).isEqualTo(before);
  }

  @Test
  void whileStarting_everyRouteAnswers503() {
    TestServer starting =
        TestServer.start(new FlowStrategyRoutes(() -> null), new FlowPaperRoutes(() -> null));
    try {
      TestServer.Response r = starting.get("/api/v1/flow/paper/summary");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.code()).isEqualTo(50301);
      assertThat(starting.get("/api/v1/flow/strategies").status()).isEqualTo(503);
    } finally {
      starting.server.stop();
    }
  }
}
