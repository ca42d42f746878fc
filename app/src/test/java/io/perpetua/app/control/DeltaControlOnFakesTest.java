package io.perpetua.app.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.control.AccountKind;
import io.perpetua.trading.control.AccountPorts;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.AlertBook;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.control.ControlAccount;
import io.perpetua.trading.control.DeltaController;
import io.perpetua.trading.control.HedgeExecutor;
import io.perpetua.trading.control.LegResult;
import io.perpetua.trading.control.MarginMode;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.generic.GenericExchange;
import io.perpetua.venue.generic.GenericFees;
import io.perpetua.venue.generic.GenericListing;
import io.perpetua.venue.generic.GenericVenue;
import io.perpetua.venue.generic.GenericVenueAccount;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Issue 18 "done means" for delta control: three accounts on two venues (the fake Binance and two
 * accounts on generic fake exchanges) with a random initial delta; one control operation brings
 * |net delta| within tolerance (checked on the venues themselves), a dry run changes nothing, and a
 * rejected leg is reported in the hedge results and the alerts while its remainder is re-routed.
 */
class DeltaControlOnFakesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final List<String> ACCOUNTS = List.of("binance-main", "generic-a", "generic-b");

  private static final Map<InstrumentId, Instrument> GENERIC_INSTRUMENTS =
      Map.of(
          BTC,
          new Instrument(
              BTC,
              io.perpetua.core.Price.parse("0.1", 1),
              Quantity.parse("0.001", 3),
              io.perpetua.core.Money.of(5)));

  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Order> journal = new CopyOnWriteArrayList<>();
  private FakeBinanceServer server;
  private GenericExchange exA;
  private GenericExchange exB;
  private AccountRegistry registry;
  private AlertBook alerts;
  private DeltaController controller;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private static GenericExchange generic(GenericFees fees) {
    return new GenericExchange(
        List.of(
            new GenericListing(
                "BTC-PERP",
                new BigDecimal("0.1"),
                new BigDecimal("0.001"),
                new BigDecimal("5"),
                new BigDecimal("50000.0"))),
        new BigDecimal("20000"),
        fees,
        2,
        System::currentTimeMillis);
  }

  private static Book genericBook(GenericExchange ex) {
    BigDecimal last = ex.lastPrice("BTC-PERP");
    BigDecimal big = new BigDecimal("100");
    return Book.top(
        last.subtract(new BigDecimal("0.1")), big, last.add(new BigDecimal("0.1")), big);
  }

  private Book binanceBook() {
    var t = server.exchange().bookTicker("BTCUSDT");
    return Book.top(
        new BigDecimal(t.get("bidPrice").asText()),
        new BigDecimal(t.get("bidQty").asText()),
        new BigDecimal(t.get("askPrice").asText()),
        new BigDecimal(t.get("askQty").asText()));
  }

  private static ControlAccount account(String id, String venue, String fee) {
    return new ControlAccount(
        id, venue, AccountKind.PERP, "none", 10, MarginMode.CROSS, new BigDecimal(fee), Map.of());
  }

  private static BinanceRestClient rest(FakeBinanceServer server) {
    BinanceRestClient rest =
        new BinanceRestClient(
            new BinanceConfig(
                URI.create(server.restBaseUrl()),
                URI.create(server.wsBaseUrl()),
                5_000,
                1_000,
                Duration.ofMillis(5_000),
                Duration.ofMillis(2_000),
                Duration.ofHours(23),
                Duration.ofMinutes(30)),
            new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
            Clock.system());
    rest.syncTime();
    return rest;
  }

  private void setUp(long seed) throws Exception {
    server =
        FakeBinanceServer.startLocal(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))));
    open.add(server);
    BinanceRestClient rest = rest(server);
    BinanceVenue binance = BinanceVenue.connect(rest, false, Clock.system());
    open.add(binance);
    exA = generic(GenericFees.DEFAULT);
    exB = generic(new GenericFees(0, 6));
    GenericVenue va = new GenericVenue(exA, false, Clock.system());
    GenericVenue vb = new GenericVenue(exB, false, Clock.system());
    open.add(va);
    open.add(vb);
    alerts = new AlertBook(100, System::currentTimeMillis);
    registry = new AccountRegistry(System::currentTimeMillis);
    AccountKernels j =
        AccountKernels.unjournaled(System::currentTimeMillis)
            .observing((account, order) -> journal.add(order));
    registry.register(
        account("binance-main", "binance", "0.0001"),
        new AccountPorts(
            binance,
            new BinanceVenueAccount(rest, "USDT"),
            i -> Optional.of(binanceBook()),
            binance.instruments()),
        j);
    registry.register(
        account("generic-a", "generic", "0.0004"),
        new AccountPorts(
            va,
            new GenericVenueAccount(exA),
            i -> Optional.of(genericBook(exA)),
            GENERIC_INSTRUMENTS),
        j);
    registry.register(
        account("generic-b", "generic", "0.0006"),
        new AccountPorts(
            vb,
            new GenericVenueAccount(exB),
            i -> Optional.of(genericBook(exB)),
            GENERIC_INSTRUMENTS),
        j);
    controller =
        new DeltaController(
            registry,
            new HedgeExecutor(alerts, System::currentTimeMillis),
            alerts,
            System::currentTimeMillis);
    randomDelta(seed, binance, va, vb);
  }

  /** Opens a random position on each account directly (setup, not under test). */
  private void randomDelta(long seed, BinanceVenue binance, GenericVenue va, GenericVenue vb)
      throws Exception {
    Random random = new Random(seed);
    BigDecimal net;
    do {
      net = BigDecimal.ZERO;
      List<BigDecimal> q = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        BigDecimal v = BigDecimal.valueOf(random.nextInt(-300, 301), 3);
        q.add(v);
        net = net.add(v);
      }
      if (net.abs().compareTo(new BigDecimal("0.15")) > 0
          && q.stream().allMatch(v -> v.signum() != 0)) {
        setupOrder(binance, q.get(0), "b" + seed);
        setupOrder(va, q.get(1), "a" + seed);
        setupOrder(vb, q.get(2), "c" + seed);
        binance.awaitIdle(5_000);
        va.awaitIdle(5_000);
        vb.awaitIdle(5_000);
        return;
      }
    } while (true);
  }

  private static void setupOrder(io.perpetua.trading.port.Venue v, BigDecimal signed, String tag) {
    v.submit(
        new Order(
            ClientOrderIds.derive(StrategyId.of("setup"), tag, "x"),
            BTC,
            signed.signum() > 0 ? OrderSide.BUY : OrderSide.SELL,
            OrderType.MARKET,
            Quantity.of(signed.abs(), 3),
            null,
            false,
            StrategyId.of("setup"),
            null,
            1L));
  }

  /** Net delta straight from the venues (not through the registry). */
  private BigDecimal venueNet() {
    BigDecimal net = BigDecimal.ZERO;
    for (var p : server.exchange().positionRisk()) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        net = net.add(new BigDecimal(p.get("positionAmt").asText()));
      }
    }
    for (GenericExchange ex : List.of(exA, exB)) {
      net = net.add(ex.positions().getOrDefault("BTC-PERP", BigDecimal.ZERO));
    }
    return net;
  }

  private static DeltaController.Request request(boolean dryRun) {
    return new DeltaController.Request(
        BigDecimal.ZERO, ACCOUNTS, new BigDecimal("0.1"), "BTC-USD", null, dryRun, 10_000);
  }

  @RepeatedTest(3)
  void oneControl_bringsNetDeltaWithinTolerance_andDryRunChangesNothing(RepetitionInfo info)
      throws Exception {
    setUp(41 + info.getCurrentRepetition());
    BigDecimal before = venueNet();
    assertThat(before.abs()).isGreaterThan(new BigDecimal("0.1"));
    int orders = server.exchange().orderCount() + exA.orderCount() + exB.orderCount();

    DeltaController.Result dry = controller.control(request(true));
    assertThat(dry.adjustmentNeeded()).isTrue();
    assertThat(dry.hedgeResults().dryRun()).isTrue();
    assertThat(dry.finalDelta().abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
    assertThat(venueNet()).isEqualByComparingTo(before);
    assertThat(server.exchange().orderCount() + exA.orderCount() + exB.orderCount())
        .isEqualTo(orders);
    assertThat(journal).isEmpty();

    DeltaController.Result r = controller.control(request(false));
    assertThat(r.success()).as(String.valueOf(r)).isTrue();
    assertThat(r.initialDelta()).isEqualByComparingTo(before);
    assertThat(venueNet().abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
    assertThat(r.finalDelta()).isEqualByComparingTo(venueNet());
    assertThat(r.hedgeResults().executed()).isNotEmpty();
    assertThat(journal).hasSize(r.totalAdjustments());
    // a second run finds nothing to do
    DeltaController.Result again = controller.control(request(false));
    assertThat(again.adjustmentNeeded()).isFalse();
  }

  @RepeatedTest(3)
  void rejectedLeg_isReportedInHedgeResultsAndAlerts_andTheRestIsRerouted(RepetitionInfo info)
      throws Exception {
    setUp(7 + info.getCurrentRepetition());
    server.faults().rejectNextOrder(-2019, "Margin is insufficient.");
    DeltaController.Result r = controller.control(request(false));
    List<LegResult> failed = r.hedgeResults().failed();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).accountId()).isEqualTo("binance-main"); // the cheapest went first
    assertThat(failed.get(0).status()).isEqualTo(LegResult.Status.REJECTED);
    assertThat(alerts.list("binance-main", "WARN")).isNotEmpty();
    assertThat(r.success()).as(String.valueOf(r)).isTrue();
    assertThat(venueNet().abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
  }
}
