package io.perpetua.venue.binance.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.ManualClock;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.InMemoryTradingJournal;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskEvent;
import io.perpetua.trading.testing.LiveKernels;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.Reconciler;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live mode end to end on loopback: the trading kernel, through the {@link AsyncVenueBridge},
 * drives a {@link BinanceVenue} that talks signed HTTP and WebSocket to an in-process {@link
 * FakeBinanceServer} whose prices are the kernel's replay.
 */
class LiveLoopTest {
  private static final long START = 1_700_006_400_000L; // 2023-11-15T00:00:00Z
  private static final long HOUR = 3_600_000L;
  private static final int SYMBOLS = 6;
  private static final int BARS = 24 * 4;

  private MarketPanel panel;
  private final List<Instrument> instruments = new ArrayList<>();
  private FakeBinanceServer fake;
  private final InMemoryTradingJournal journal = new InMemoryTradingJournal();
  private final InMemoryRiskStore riskStore = new InMemoryRiskStore();
  private final List<AutoCloseable> open = new ArrayList<>();

  /** One kernel process: venue connection, bridge, reconciler, kernel. */
  private final class Process {
    final BinanceVenue venue;
    final AsyncVenueBridge bridge;
    final Reconciler reconciler;
    final TradingKernel kernel;
    final RiskEngine risk;
    final List<Order> sent = new ArrayList<>();

    Process() {
      BinanceRestClient rest =
          new BinanceRestClient(
              BinanceConfig.of(fake.restBaseUrl(), fake.wsBaseUrl()),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              Clock.system());
      venue = BinanceVenue.connect(rest, false, Clock.system());
      open.add(venue);
      ManualClock clock = new ManualClock(Long.MIN_VALUE / 2);
      bridge =
          new AsyncVenueBridge(
              venue,
              clock,
              new FakeVenuePriceFeed(fake.exchange(), venue::onMarkPrice)::onPrice,
              3_000);
      risk = RiskEngine.open(RiskConfig.unlimited(), riskStore, System::currentTimeMillis);
      reconciler = new Reconciler(new BinanceVenueAccount(rest, "USDT"), risk, bridge, 6, 0.01);
      kernel =
          LiveKernels.baselineRev(
              "live", panel, instruments, bridge, clock, journal, risk, reconciler, sent, START);
    }

    /** Runs until the replay reaches {@code untilMs} (exclusive) or the end. */
    int runUntil(long untilMs) {
      return kernel.run(t -> t < untilMs);
    }
  }

  @BeforeEach
  void setUp() {
    SplittableRandom rnd = new SplittableRandom(11);
    List<InstrumentId> ids = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      ids.add(InstrumentId.usdtPerp(String.format("T%02d", i)));
    }
    long[] times = new long[BARS];
    double[] close = new double[BARS * SYMBOLS];
    double[] vol = new double[BARS * SYMBOLS];
    double[] px = new double[SYMBOLS];
    for (int i = 0; i < SYMBOLS; i++) {
      px[i] = 10 + 40 * i;
    }
    for (int t = 0; t < BARS; t++) {
      times[t] = START + t * HOUR;
      for (int i = 0; i < SYMBOLS; i++) {
        px[i] *= Math.exp(rnd.nextGaussian() * 0.02);
        close[t * SYMBOLS + i] = px[i];
        vol[t * SYMBOLS + i] = 1e6 * (1 + i);
      }
    }
    panel = new MarketPanel(ids, times, HOUR, close, vol);
    List<FakeListing> listings = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      Instrument inst = Instrument.derivedFrom(ids.get(i), close[i]);
      instruments.add(inst);
      listings.add(
          FakeListing.of(
              inst.id().venueSymbol(),
              inst.tickSize().toBigDecimal().toPlainString(),
              inst.stepSize().toBigDecimal().toPlainString(),
              "5",
              BigDecimal.valueOf(close[i])
                  .setScale(inst.priceScale(), java.math.RoundingMode.HALF_EVEN)
                  .toPlainString()));
    }
    fake = FakeBinanceServer.start(listings, "127.0.0.1", 0, new BigDecimal("10000"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    fake.close();
  }

  @Test
  void replay_throughFakeBinance_venuePositionsEqualTheJournal() throws Exception {
    Process p = new Process();
    assertThat(p.reconciler.startup().consistent()).isTrue();
    p.kernel.run(Pacer.unpaced());
    assertThat(p.kernel.rebalances()).isEqualTo(4);
    assertThat(p.sent).isNotEmpty();
    assertThat(p.kernel.account().openPositions()).isNotEmpty();
    assertThat(venuePositions()).isEqualTo(journalPositions(p));
    assertThat(fake.exchange().orderCount()).isEqualTo(distinctIds(p.sent));
    assertThat(journal.fillCount()).isEqualTo(venueTrades());
    assertThat(journal.orders().values()).allMatch(o -> !o.dryRun());
    var check = p.reconciler.check(p.kernel.now(), false, true);
    assertThat(check.mismatches()).isEmpty();
    assertThat(check.consistent()).isTrue();
  }

  @Test
  void venueOutage_alertsAndSendsNoOrders_thenRecovers() throws Exception {
    Process p = new Process();
    p.runUntil(START + 30 * HOUR); // first rebalance done
    int ordersBefore = fake.exchange().orderCount();
    assertThat(ordersBefore).isPositive();
    fake.faults().outage(true);
    p.runUntil(START + 54 * HOUR); // the second day's timer falls inside the outage
    assertThat(fake.exchange().orderCount())
        .as("no order during the outage")
        .isEqualTo(ordersBefore);
    assertThat(activeRules()).contains("venue_unreachable");
    assertThat(events()).contains("venue_unreachable");
    fake.faults().outage(false);
    p.kernel.run(Pacer.unpaced());
    assertThat(activeRules()).doesNotContain("venue_unreachable");
    assertThat(events()).contains("venue_recovered");
    assertThat(fake.exchange().orderCount()).isGreaterThan(ordersBefore);
    assertThat(venuePositions()).isEqualTo(journalPositions(p));
  }

  @Test
  void killedMidOrder_restarted_reconciled_noDuplicateNoLostFill() throws Exception {
    Process first = new Process();
    // stop at the bar after the second timer: its orders are at the venue, their fills not
    // journaled
    first.runUntil(START + 48 * HOUR);
    assertThat(first.bridge.awaitSettled(3_000)).isTrue();
    int venueOrders = fake.exchange().orderCount();
    long venueTrades = venueTrades();
    assertThat(journal.fillCount()).as("the last fills were not journaled").isLessThan(venueTrades);
    first.venue.close(); // the process dies: its stream and callbacks are gone

    Process second = new Process();
    // the timer's orders were journaled as intended before they were sent (issue 12): the
    // restarted kernel works them again at once, the venue adopts them (no re-derivation)
    assertThat(second.kernel.workingOrderIds())
        .as("journaled before they were sent")
        .isNotEmpty()
        .allMatch(id -> first.sent.stream().anyMatch(o -> o.clientOrderId().equals(id)));
    var startup = second.reconciler.startup();
    assertThat(startup.reachable()).isTrue();
    second.runUntil(START + 48 * HOUR + 1);
    assertThat(fake.exchange().orderCount())
        .as("re-derived orders are not doubled")
        .isEqualTo(venueOrders);
    assertThat(journal.fillCount()).as("no lost fill").isEqualTo(venueTrades);
    assertThat(venuePositions()).isEqualTo(journalPositions(second));
    second.kernel.run(Pacer.unpaced());
    Set<String> all = new HashSet<>();
    first.sent.forEach(o -> all.add(o.clientOrderId().value()));
    second.sent.forEach(o -> all.add(o.clientOrderId().value()));
    assertThat(fake.exchange().orderCount()).isEqualTo(all.size());
    assertThat(journal.fillCount()).isEqualTo(venueTrades());
    assertThat(venuePositions()).isEqualTo(journalPositions(second));
    assertThat(activeRules()).doesNotContain("venue_reconciliation");
  }

  @Test
  void positionChangedBehindTheKernel_isAdoptedWithACriticalAlert() throws Exception {
    Process p = new Process();
    p.runUntil(START + 30 * HOUR);
    String symbol = instruments.get(0).id().venueSymbol();
    Map<InstrumentId, BigDecimal> before = venuePositions();
    // an operator trades by hand on the venue
    BinanceRestClient manual = manualClient();
    manual.placeOrder(
        new io.perpetua.venue.binance.order.NewOrderRequest(
            symbol, "BUY", "MARKET", null, manualQuantity(symbol), null, false, "manual-1"));
    assertThat(venuePositions()).isNotEqualTo(before);
    var report = p.reconciler.check(p.kernel.now(), true, false);
    assertThat(report.adopted()).containsExactly(instruments.get(0).id());
    assertThat(journalPositions(p)).isEqualTo(venuePositions());
    assertThat(riskStore.activeAlerts())
        .anyMatch(
            a ->
                a.ruleName().equals("venue_reconciliation")
                    && a.severity().name().equals("CRITICAL"));
  }

  @Test
  void orphanedPlatformOrder_isCancelledAtTheSecondSighting_foreignOrderIsOnlyReported()
      throws Exception {
    Process p = new Process();
    p.runUntil(START + 30 * HOUR);
    String symbol = instruments.get(0).id().venueSymbol();
    BigDecimal far = fake.exchange().lastPrice(symbol).multiply(new BigDecimal("0.97"));
    BigDecimal tick = instruments.get(0).tickSize().toBigDecimal();
    BigDecimal price = far.divide(tick, 0, java.math.RoundingMode.DOWN).multiply(tick);
    BinanceRestClient manual = manualClient();
    // an order with the platform's id format that no journal knows (a decision lost in a crash)
    String orphan =
        io.perpetua.core.ClientOrderIds.derive(StrategyId.of("baseline_rev"), "lost", "x").value();
    BigDecimal qty = manualQuantity(symbol).multiply(BigDecimal.valueOf(4));
    manual.placeOrder(
        new io.perpetua.venue.binance.order.NewOrderRequest(
            symbol, "BUY", "LIMIT", "GTC", qty, price, false, orphan));
    manual.placeOrder(
        new io.perpetua.venue.binance.order.NewOrderRequest(
            symbol, "BUY", "LIMIT", "GTC", qty, price, false, "desk-manual-7"));
    assertThat(openIds()).contains(orphan, "desk-manual-7");

    var first = p.reconciler.check(p.kernel.now(), true, false);
    assertThat(first.cancelled()).as("first sighting: reported only").isEmpty();
    assertThat(first.mismatches())
        .anyMatch(m -> m.contains(orphan) && m.contains("unknown to the journal"))
        .anyMatch(m -> m.contains("desk-manual-7") && m.contains("not placed by us"));
    assertThat(openIds()).contains(orphan);

    var second = p.reconciler.check(p.kernel.now(), true, false);
    assertThat(second.cancelled()).containsExactly(orphan);
    assertThat(openIds()).as("foreign order untouched").containsExactly("desk-manual-7");
    assertThat(p.reconciler.last())
        .hasValueSatisfying(t -> assertThat(t.report()).isSameAs(second));
    assertThat(riskStore.activeAlerts())
        .anyMatch(
            a ->
                a.ruleName().equals("venue_reconciliation")
                    && a.severity().name().equals("CRITICAL"));
    // the kernel's own working orders are never taken for orphans: the replay goes on normally
    p.kernel.run(Pacer.unpaced());
    assertThat(fake.exchange().orderCount()).isEqualTo(distinctIds(p.sent) + 2);
  }

  private BinanceRestClient manualClient() {
    BinanceRestClient manual =
        new BinanceRestClient(
            BinanceConfig.of(fake.restBaseUrl(), fake.wsBaseUrl()),
            new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
            Clock.system());
    manual.syncTime();
    return manual;
  }

  private List<String> openIds() {
    return new BinanceVenueAccount(manualClient(), "USDT")
        .openOrders().stream().map(o -> o.clientOrderId()).toList();
  }

  /** Worth about 50 USDT at the last price, on the step. */
  private BigDecimal manualQuantity(String symbol) {
    BigDecimal step = instruments.get(0).stepSize().toBigDecimal();
    BigDecimal last = fake.exchange().lastPrice(symbol);
    return BigDecimal.valueOf(50)
        .divide(last, 0, java.math.RoundingMode.CEILING)
        .max(BigDecimal.ONE)
        .multiply(BigDecimal.ONE)
        .divide(step, 0, java.math.RoundingMode.CEILING)
        .multiply(step);
  }

  private Map<InstrumentId, BigDecimal> venuePositions() {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    fake.exchange()
        .positionRisk()
        .forEach(
            n -> {
              BigDecimal q = new BigDecimal(n.get("positionAmt").asText());
              if (q.signum() != 0) {
                out.put(
                    InstrumentId.fromVenueSymbol(n.get("symbol").asText()), q.stripTrailingZeros());
              }
            });
    return out;
  }

  private static Map<InstrumentId, BigDecimal> journalPositions(Process p) {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    p.kernel
        .account()
        .openPositions()
        .forEach(x -> out.put(x.instrument(), x.quantity().toBigDecimal().stripTrailingZeros()));
    return out;
  }

  private long venueTrades() {
    long n = 0;
    for (Instrument i : instruments) {
      n += fake.exchange().userTrades(i.id().venueSymbol(), null).size();
    }
    return n;
  }

  private static int distinctIds(List<Order> orders) {
    Set<String> ids = new HashSet<>();
    orders.forEach(o -> ids.add(o.clientOrderId().value()));
    return ids.size();
  }

  private List<String> activeRules() {
    return riskStore.activeAlerts().stream().map(Alert::ruleName).toList();
  }

  private List<String> events() {
    return riskStore.events(1000).stream().map(RiskEvent::kind).toList();
  }
}
