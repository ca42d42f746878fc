package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarSeries;
import io.perpetua.server.v1.HotlistRoutes;
import io.perpetua.signals.hotlist.HotInputs;
import io.perpetua.signals.hotlist.HotlistConfig;
import io.perpetua.signals.hotlist.HotlistService;
import io.perpetua.signals.hotlist.InMemoryHotlistStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hot-coin routes over HTTP: scan, list, approve/reject (with and without four-eyes), errors.
 */
class HotlistRoutesTest {
  private static final long H = 3_600_000L;
  private static final long TS = 1_678_665_600_000L; // 2023-03-13T00:00:00Z

  private final AtomicLong now = new AtomicLong(TS + 2 * H);
  private final List<String> approved = new ArrayList<>();
  private TestServer api;

  private static BarSeries bars(String symbol, long seed, double jump) {
    Random r = new Random(seed);
    BarSeries.Builder b = BarSeries.builder(InstrumentId.fromVenueSymbol(symbol), Timeframe.H1);
    double p = 100;
    for (long t = TS - 40 * 24 * H; t < TS + 5 * 24 * H; t += H) {
      double k = t >= TS - 24 * H ? jump : 1;
      double c = p * Math.exp(0.01 * k * r.nextGaussian());
      double v = 1000 * k * (1 + 0.2 * r.nextDouble());
      b.add(t, p, Math.max(p, c) * 1.001, Math.min(p, c) * 0.999, c, v, v * c);
      p = c;
    }
    return b.build();
  }

  private void start(HotlistRoutes.Approval approval) {
    List<HotInputs> inputs =
        List.of(
            new HotInputs("AAA/USDT:USDT", bars("AAAUSDT", 1, 4), null, null, null),
            new HotInputs("BBB/USDT:USDT", bars("BBBUSDT", 2, 1), null, null, null));
    HotlistService service =
        new HotlistService(
            HotlistConfig.defaults(),
            (ts, days) -> inputs,
            new InMemoryHotlistStore(),
            now::get,
            approved::add);
    api = TestServer.start(new HotlistRoutes(() -> service, approval));
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
  void scanListApproveRejectAndTheWhitelist() {
    start(null);
    JsonNode none = api.get("/api/v1/hotlist").data();
    assertThat(none.get("ts").isNull()).isTrue();
    assertThat(none.get("coins")).isEmpty();
    assertThat(api.get("/api/v1/hotlist?ts=" + TS).code()).isEqualTo(40460);
    TestServer.Response scan = post("/api/v1/hotlist/scan", "{\"ts\":\"2023-03-13T00:00:00Z\"}");
    assertThat(scan.status()).as(scan.body()).isEqualTo(200);
    JsonNode data = scan.data();
    assertThat(data.get("ts_ms").asLong()).isEqualTo(TS);
    assertThat(data.get("coins")).hasSize(2);
    JsonNode first = data.get("coins").get(0);
    assertThat(first.get("symbol").asText()).isEqualTo("AAA/USDT:USDT");
    assertThat(first.get("status").asText()).isEqualTo("candidate");
    JsonNode oi = first.get("breakdown").get(2);
    assertThat(oi.get("name").asText()).isEqualTo("oi_delta");
    assertThat(oi.get("value").isNull()).isTrue();
    assertThat(oi.get("missing").asText()).contains("no open-interest data");
    assertThat(first.get("risk_tags").get("safe_leverage").asInt()).isBetween(1, 20);
    assertThat(api.get("/api/v1/hotlist?ts=" + TS).data())
        .isEqualTo(api.get("/api/v1/hotlist").data());

    TestServer.Response ok =
        post("/api/v1/hotlist/approve", "{\"ts\":\"" + TS + "\",\"symbol\":\"AAAUSDT\"}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.data().get("status").asText()).isEqualTo("approved");
    assertThat(ok.data().get("whitelisted").asBoolean()).isTrue();
    assertThat(approved).containsExactly("AAA/USDT:USDT");
    JsonNode wl = api.get("/api/v1/hotlist/whitelist").data().get("symbols");
    assertThat(wl).hasSize(1);
    assertThat(wl.get(0).get("symbol").asText()).isEqualTo("AAA/USDT:USDT");
    assertThat(
            post("/api/v1/hotlist/approve", "{\"ts\":\"" + TS + "\",\"symbol\":\"AAAUSDT\"}")
                .code())
        .isEqualTo(40071);
    TestServer.Response no =
        post(
            "/api/v1/hotlist/reject",
            "{\"ts\":\"" + TS + "\",\"symbol\":\"BBBUSDT\",\"reason\":\"thin\"}");
    assertThat(no.data().get("status").asText()).isEqualTo("rejected");
    assertThat(api.get("/api/v1/hotlist").data().get("coins").get(1).get("reason").asText())
        .isEqualTo("thin");
    assertThat(OpenApiChecks.everyRoute(api, p -> p.startsWith("/api/v1/hotlist"))).isEqualTo(5);
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    start(null);
    assertThat(post("/api/v1/hotlist/scan", "{\"ts\":\"yesterday\"}").message()).contains("'ts'");
    assertThat(post("/api/v1/hotlist/scan", "{\"top\":0}").code()).isEqualTo(40001);
    TestServer.Response future = post("/api/v1/hotlist/scan", "{\"ts\":\"" + (TS + 3 * H) + "\"}");
    assertThat(future.code()).isEqualTo(40001);
    assertThat(future.message()).contains("'ts'");
    assertThat(api.get("/api/v1/hotlist").data().get("coins")).isEmpty();
    post("/api/v1/hotlist/scan", "{\"ts\":\"" + TS + "\"}");
    assertThat(post("/api/v1/hotlist/approve", "{\"symbol\":\"AAAUSDT\"}").code()).isEqualTo(40002);
    assertThat(
            post("/api/v1/hotlist/approve", "{\"ts\":\"" + TS + "\",\"symbol\":\"no way\"}").code())
        .isEqualTo(40001);
    assertThat(
            post("/api/v1/hotlist/approve", "{\"ts\":\"" + TS + "\",\"symbol\":\"ZZZUSDT\"}")
                .code())
        .isEqualTo(40460);
    assertThat(
            post("/api/v1/hotlist/approve", "{\"ts\":\"" + (TS - H) + "\",\"symbol\":\"AAAUSDT\"}")
                .code())
        .isEqualTo(40460);
    now.set(TS + 27 * H); // the scan ran at TS + 2 h
    assertThat(
            post("/api/v1/hotlist/approve", "{\"ts\":\"" + TS + "\",\"symbol\":\"AAAUSDT\"}")
                .code())
        .isEqualTo(40070);
    assertThat(api.get("/api/v1/hotlist").data().get("coins").get(0).get("status").asText())
        .isEqualTo("expired");
    assertThat(approved).isEmpty();
    assertThat(api.get("/api/v1/hotlist/whitelist").data().get("symbols")).isEmpty();
  }

  @Test
  void withFourEyesAnApprovalFilesARequestAndWhitelistsNothingYet() {
    List<String> requests = new ArrayList<>();
    start(
        (r, ts, symbol, reason) -> {
          requests.add(ts + " " + symbol + " " + reason);
          return "apr_1";
        });
    post("/api/v1/hotlist/scan", "{\"ts\":\"" + TS + "\"}");
    TestServer.Response r =
        post(
            "/api/v1/hotlist/approve",
            "{\"ts\":\"" + TS + "\",\"symbol\":\"AAA/USDT:USDT\",\"reason\":\"ok\"}");
    assertThat(r.data().get("status").asText()).isEqualTo("pending_approval");
    assertThat(r.data().get("approval_id").asText()).isEqualTo("apr_1");
    assertThat(requests).containsExactly(TS + " AAA/USDT:USDT ok");
    assertThat(approved).isEmpty();
    assertThat(api.get("/api/v1/hotlist").data().get("coins").get(0).get("status").asText())
        .isEqualTo("candidate");
  }
}
