package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.server.v1.VenueRoutes;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import io.perpetua.trading.venue.Reconciler;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/venues}: per-venue truth, reconciliation, netting, outage, roles, schema. */
class VenueRoutesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final long T0 = 1_772_495_940_000L; // 2026-03-02T23:59:00Z

  private TestServer api;
  private volatile boolean secondDown;
  private volatile String mode = "live";
  private volatile List<VenueRoutes.Connected> venues;
  private volatile long now = T0;
  private final java.util.concurrent.atomic.AtomicInteger asked =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A venue account with fixed answers, or down. */
  private record Fixed(
      Map<InstrumentId, BigDecimal> positions,
      List<VenueOpenOrder> orders,
      String wallet,
      java.util.function.BooleanSupplier down)
      implements VenueAccount {
    @Override
    public Map<InstrumentId, BigDecimal> positions() {
      check();
      return positions;
    }

    Fixed counted(java.util.concurrent.atomic.AtomicInteger calls) {
      return new Fixed(
          positions,
          orders,
          wallet,
          () -> {
            calls.incrementAndGet();
            return down.getAsBoolean();
          });
    }

    @Override
    public List<VenueOpenOrder> openOrders() {
      check();
      return orders;
    }

    @Override
    public void cancelOrder(VenueOpenOrder order) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Money balance() {
      check();
      return Money.parse(wallet);
    }

    private void check() {
      if (down.getAsBoolean()) {
        throw new ServiceUnavailableException("test venue: connection refused", null);
      }
    }
  }

  @BeforeEach
  void start() {
    Reconciler.Report report =
        new Reconciler.Report(
            true,
            true,
            List.of("orphaned order pp-abc cancelled"),
            List.of(ETH),
            List.of("pp-abc"));
    VenueRoutes.Connected kernel =
        new VenueRoutes.Connected(
            "fake-binance",
            "kernel",
            "binance-usdm",
            new Fixed(
                Map.of(BTC, new BigDecimal("0.012"), ETH, new BigDecimal("-0.35")),
                List.of(
                    new VenueOpenOrder(
                        "pp-2e2f46134846dd81ca4fb9661150",
                        ETH,
                        "ETHUSDT",
                        "SELL",
                        new BigDecimal("0.1"),
                        new BigDecimal("3012.5")),
                    new VenueOpenOrder(
                        "desk-7", null, "ABCUSDC", "BUY", BigDecimal.ONE, BigDecimal.ZERO)),
                "9987.42",
                () -> false),
            () -> Optional.of(new Reconciler.Timed(T0, report)));
    VenueRoutes.Connected flow =
        new VenueRoutes.Connected(
            "flow-fake-binance",
            "flow",
            "binance-usdm",
            new Fixed(Map.of(BTC, new BigDecimal("-0.002")), List.of(), "500", () -> secondDown),
            Optional::empty);
    venues = List.of(kernel, flow);
    api = TestServer.start(new VenueRoutes(() -> venues, () -> mode, () -> now));
  }

  @AfterEach
  void stop() {
    api.server.stop();
  }

  @Test
  void listsEachVenuesOwnAccount_lastReconciliation_andNetsPositionsAcrossVenues() {
    JsonNode d = api.get("/api/v1/venues").data();
    assertThat(d.get("mode").asText()).isEqualTo("live");
    JsonNode k = d.get("venues").get(0);
    assertThat(k.get("venue_id").asText()).isEqualTo("fake-binance");
    assertThat(k.get("reachable").asBoolean()).isTrue();
    assertThat(k.get("balance").asDouble()).isEqualTo(9987.42);
    assertThat(k.get("positions").findValuesAsText("symbol"))
        .containsExactlyInAnyOrder("BTC/USDT:USDT", "ETH/USDT:USDT");
    assertThat(k.at("/open_orders/0/platform_order").asBoolean()).isTrue();
    assertThat(k.at("/open_orders/1/platform_order").asBoolean()).isFalse();
    assertThat(k.at("/open_orders/1/symbol").isNull()).isTrue();
    assertThat(k.at("/open_orders/1/price").isNull()).isTrue();
    JsonNode rec = k.get("last_reconciliation");
    assertThat(rec.get("checked_at").asText()).isEqualTo("2026-03-02T23:59:00Z");
    assertThat(rec.get("consistent").asBoolean()).isFalse();
    assertThat(rec.get("adopted").get(0).asText()).isEqualTo("ETH/USDT:USDT");
    assertThat(rec.get("cancelled").get(0).asText()).isEqualTo("pp-abc");
    assertThat(d.get("venues").get(1).get("last_reconciliation").isNull()).isTrue();
    // BTC: +0.012 on one venue, -0.002 on the other
    JsonNode net = d.at("/combined/positions");
    assertThat(net.get(0).get("symbol").asText()).isEqualTo("BTC/USDT:USDT");
    assertThat(net.get(0).get("net_quantity").asDouble()).isEqualTo(0.01);
    assertThat(net.get(0).get("venues").asInt()).isEqualTo(2);
    assertThat(d.at("/combined/balance").asDouble()).isEqualTo(10487.42);
  }

  @Test
  void answersAreReusedFor5s_soPollingDoesNotSpendTheVenuesWeight() {
    var last =
        new java.util.concurrent.atomic.AtomicReference<Optional<Reconciler.Timed>>(
            Optional.empty());
    venues =
        List.of(
            new VenueRoutes.Connected(
                "counted",
                "kernel",
                "binance-usdm",
                new Fixed(Map.of(BTC, BigDecimal.ONE), List.of(), "100", () -> false)
                    .counted(asked),
                last::get));
    api.get("/api/v1/venues");
    int once = asked.get();
    assertThat(once).isPositive();
    now = T0 + VenueRoutes.MAX_AGE_MS - 1;
    last.set(
        Optional.of(
            new Reconciler.Timed(
                T0, new Reconciler.Report(true, true, List.of(), List.of(), List.of()))));
    JsonNode d = api.get("/api/v1/venues").data();
    assertThat(asked.get()).isEqualTo(once);
    assertThat(d.at("/venues/0/last_reconciliation/consistent").asBoolean())
        .as("the reconciliation is local: always the latest")
        .isTrue();
    assertThat(d.get("queried_at").asText()).isEqualTo("2026-03-02T23:59:00Z");
    now = T0 + VenueRoutes.MAX_AGE_MS;
    api.get("/api/v1/venues");
    assertThat(asked.get()).isEqualTo(2 * once);
  }

  @Test
  void unreachableVenue_isListedWithTheReason_theOthersStillAnswer() {
    secondDown = true;
    TestServer.Response r = api.get("/api/v1/venues");
    assertThat(r.status()).isEqualTo(200);
    JsonNode flow = r.data().get("venues").get(1);
    assertThat(flow.get("reachable").asBoolean()).isFalse();
    assertThat(flow.get("error").asText()).contains("connection refused");
    assertThat(flow.get("balance").isNull()).isTrue();
    assertThat(r.data().at("/combined/balance").asDouble()).isEqualTo(9987.42);
    assertThat(r.data().at("/combined/positions/0/net_quantity").asDouble()).isEqualTo(0.012);
  }

  @Test
  void paperMode_isAnEmptyList() {
    mode = "paper";
    venues = List.of();
    JsonNode d = api.get("/api/v1/venues").data();
    assertThat(d.get("mode").asText()).isEqualTo("paper");
    assertThat(d.get("venues")).isEmpty();
    assertThat(d.at("/combined/positions")).isEmpty();
  }

  @Test
  void needsAToken_viewerMayRead() {
    assertThat(api.getAnonymous("/api/v1/venues").status()).isEqualTo(401);
    TestServer.Response viewer =
        api.send(
            "GET", "/api/v1/venues", Map.of("Authorization", "Bearer " + TestServer.VIEWER), null);
    assertThat(viewer.status()).isEqualTo(200);
  }

  @Test
  void exampleAndLiveResponse_matchTheSchema() {
    JsonNode doc = api.get("/openapi.json").json();
    SchemaValidator validator = new SchemaValidator(doc);
    JsonNode ok = doc.at("/paths/~1api~1v1~1venues/get/responses/200/content/application~1json");
    assertThat(validator.validate(ok.get("schema"), ok.get("example"))).isEmpty();
    assertThat(validator.validate(ok.get("schema"), api.get("/api/v1/venues").json())).isEmpty();
    secondDown = true;
    now += VenueRoutes.MAX_AGE_MS; // past the reuse window: the venues are asked again
    JsonNode down = api.get("/api/v1/venues").json();
    assertThat(down.at("/data/venues/1/reachable").asBoolean()).isFalse();
    assertThat(validator.validate(ok.get("schema"), down)).isEmpty();
  }
}
