package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.server.v1.CarryRoutes;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryLimits;
import io.perpetua.trading.carry.CarryMarket;
import io.perpetua.trading.carry.CarrySpec;
import io.perpetua.trading.carry.InMemoryCarryStore;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.VenueListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The carry routes over a dry-run instance: the cycle, roles, bad input, the checklist. */
class CarryRoutesTest {
  private static final String BASE = "/api/v1/carry/btc-carry/";
  private static final Instrument BTC =
      new Instrument(
          InstrumentId.usdtPerp("BTC"), new Price(10, 2), new Quantity(1, 3), Money.of(5));

  /** A market that never moves; dry-run needs no order path. */
  private static final class Flat implements CarryMarket {
    private final Quote quote = new Quote(Price.parse("50000", 2), Price.parse("50000.10", 2));
    private volatile boolean down;

    @Override
    public Quote spotQuote() {
      if (down) {
        throw new IllegalStateException("venue down");
      }
      return quote;
    }

    @Override
    public Quote perpQuote() {
      return quote;
    }

    @Override
    public Quantity spotPosition() {
      return Quantity.zero(3);
    }

    @Override
    public Quantity perpPosition() {
      return Quantity.zero(3);
    }

    @Override
    public Set<ClientOrderId> openOrders() {
      return Set.of();
    }

    @Override
    public double fundingRate() {
      return 0.0001;
    }

    @Override
    public Optional<Settlement> lastSettlement() {
      return Optional.empty();
    }
  }

  private final Flat market = new Flat();
  private TestServer api;
  private CarryInstance carry;
  private final InMemoryCarryStore store = new InMemoryCarryStore();

  @BeforeEach
  void start() {
    CarryInstance.LegPaths none =
        new CarryInstance.LegPaths() {
          @Override
          public OrderGateway spot(VenueListener events) {
            throw new AssertionError("dry-run only");
          }

          @Override
          public OrderGateway perp(VenueListener events) {
            throw new AssertionError("dry-run only");
          }
        };
    CarrySpec spec =
        new CarrySpec(
            "btc-carry",
            "BTC-USD",
            "binance-spot",
            "binance-perp",
            BTC,
            BTC,
            CarryLimits.spec(Money.of(10_000)),
            0.001,
            0.0005,
            20);
    carry = new CarryInstance(spec, market, none, store, System::currentTimeMillis).start();
    api = TestServer.start(new CarryRoutes(() -> List.of(carry)));
  }

  @AfterEach
  void stop() {
    api.close();
    carry.close();
  }

  private TestServer.Response post(String path, String body, String token) {
    return api.send(
        "POST",
        BASE + path,
        Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
        body);
  }

  private TestServer.Response post(String path, String body) {
    return post(path, body, TestServer.TOKEN);
  }

  private String state() {
    return successData(api.get("/api/v1/carry/btc-carry")).get("state").asText();
  }

  private void await(String state) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!state().equals(state)) {
      assertThat(System.currentTimeMillis()).as(state).isLessThan(deadline);
      Thread.sleep(20); // polling with a deadline
    }
  }

  @Test
  void dryRunCycle_overTheApi_withConfirmations_andTheRecords() throws Exception {
    JsonNode list = successData(api.get("/api/v1/carry"));
    assertThat(list.get("items")).hasSize(1);
    assertThat(list.at("/items/0/mode").asText()).isEqualTo("dry_run");
    assertThat(list.at("/items/0/limits/max_slippage").asDouble()).isEqualTo(0.001);
    await("idle");
    JsonNode started = successData(post("start", "{\"quantity\": \"0.100\"}"));
    assertThat(started.get("pending").asText()).isEqualTo("start");
    assertThat(started.get("state").asText())
        .as("nothing before the confirmation")
        .isEqualTo("idle");
    successData(post("confirm", null));
    await("holding");
    assertThat(
            successData(api.get(BASE.substring(0, BASE.length() - 1)))
                .get("spot_position")
                .asText())
        .isEqualTo("0.100");
    assertError(post("start", "{\"quantity\": \"0.100\"}"), 409, 40087);
    successData(post("close", null));
    successData(post("confirm", null));
    await("idle");
    JsonNode ledger = successData(api.get(BASE + "ledger"));
    assertThat(ledger.get("items")).hasSize(4);
    assertThat(ledger.at("/items/0/mode").asText()).isEqualTo("dry_run");
    JsonNode alerts = successData(api.get(BASE + "alerts"));
    assertThat(alerts.toString()).contains("start_requested by").contains("confirmed by");
    assertThat(successData(api.get(BASE + "funding")).get("total").asText()).isEqualTo("0");
    JsonNode report = successData(api.get(BASE + "report?period=month"));
    assertThat(report.get("mode").asText()).isEqualTo("dry_run");
    assertThat(report.at("/items/0/fills").asInt()).as(report.toString()).isEqualTo(4);
    assertThat(report.toString()).contains("{\"kind\":\"opened\",\"count\":1}");
    JsonNode real = successData(api.get(BASE + "report?period=month&mode=real"));
    assertThat(real.at("/items/0/fills").asInt()).as("no real fills").isZero();
    assertThat(real.at("/items/0/total").asText()).isEqualTo("0");
    assertError(api.get(BASE + "report?period=hour"), 400, 40001);
  }

  @Test
  void reset_withFourEyes_filesARequest_andChangesNothing() throws Exception {
    List<String> filed = new java.util.ArrayList<>();
    try (TestServer fourEyes =
        TestServer.start(
            new CarryRoutes(
                () -> List.of(carry),
                (r, id) -> {
                  filed.add(r.principal().subject() + " " + id);
                  return "apr_1";
                }))) {
      TestServer.Response notHalted =
          fourEyes.send(
              "POST", BASE + "reset", Map.of("Authorization", "Bearer " + TestServer.TOKEN), null);
      assertError(notHalted, 409, 40087);
      market.down = true;
      await("halted");
      JsonNode pending =
          successData(
              fourEyes.send(
                  "POST",
                  BASE + "reset",
                  Map.of("Authorization", "Bearer " + TestServer.TOKEN),
                  null));
      assertThat(pending.get("pending").asText()).isEqualTo("reset_approval");
      assertThat(pending.get("approval_id").asText()).isEqualTo("apr_1");
      assertThat(pending.get("state").asText()).isEqualTo("halted");
      assertThat(filed).hasSize(1).allMatch(f -> f.endsWith(" btc-carry"));
      market.down = false;
      long deadline = System.currentTimeMillis() + 10_000;
      while (!successData(api.get("/api/v1/carry/btc-carry"))
          .get("last_error")
          .asText()
          .isEmpty()) {
        assertThat(System.currentTimeMillis()).as("a healthy tick").isLessThan(deadline);
        Thread.sleep(20); // polling with a deadline
      }
      assertThat(state())
          .as("healthy again, still halted: only a human resets")
          .isEqualTo("halted");
      JsonNode done = successData(post("reset", null));
      assertThat(done.get("state").asText()).as("four-eyes off: at once").isEqualTo("idle");
      assertThat(done.get("approval_id").isNull()).isTrue();
    }
  }

  @Test
  void badInput_roles_unknownIds_andTheChecklist_changeNothing() {
    assertError(post("start", "{\"quantity\": \"0.0001\"}"), 400, 40001);
    assertThat(post("start", "{\"quantity\": \"abc\"}").body()).contains("quantity");
    assertError(post("start", "{}"), 400, 40002);
    assertError(post("mode", "{\"mode\": \"live\"}"), 400, 40001);
    assertError(post("start", "{\"quantity\": \"0.1\"}", TestServer.VIEWER), 403, 40108);
    assertError(post("confirm", null), 409, 40087);
    assertError(post("reset", null), 409, 40087);
    assertError(api.get("/api/v1/carry/nope"), 404, 40471);
    TestServer.Response real = post("mode", "{\"mode\": \"real\"}");
    assertError(real, 409, 40088);
    assertThat(real.body()).contains("dry_run_cycle");
    assertThat(successData(api.get("/api/v1/carry/btc-carry")).get("mode").asText())
        .isEqualTo("dry_run");
    assertThat(store.orders("btc-carry", 10)).isEmpty();
  }

  @Test
  void examplesAndLiveAnswers_matchTheOpenApiSchemas() {
    int checked =
        OpenApiChecks.everyRoute(
            api,
            p -> p.startsWith("/api/v1/carry"),
            r -> r.path().replace("{id}", "btc-carry"),
            null);
    assertThat(checked).isEqualTo(11);
  }
}
