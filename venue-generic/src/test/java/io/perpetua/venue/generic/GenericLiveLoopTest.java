package io.perpetua.venue.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.ManualClock;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.InMemoryTradingJournal;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.testing.LiveKernels;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import io.perpetua.trading.venue.Reconciler;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * The live loop of {@code LiveLoopTest} (venue-binance) on the second venue: the same trading
 * kernel, through the same {@link AsyncVenueBridge} and {@link Reconciler}, drives a {@link
 * GenericVenue} whose symbols ({@code T00-PERP}), ids, fees and partial fills are not Binance's.
 */
class GenericLiveLoopTest {
  private static final long START = 1_700_006_400_000L; // 2023-11-15T00:00:00Z
  private static final long HOUR = 3_600_000L;
  private static final int SYMBOLS = 6;
  private static final int BARS = 24 * 4;

  private MarketPanel panel;
  private final List<Instrument> instruments = new ArrayList<>();
  private GenericExchange exchange;
  private final InMemoryTradingJournal journal = new InMemoryTradingJournal();
  private final InMemoryRiskStore riskStore = new InMemoryRiskStore();
  private final List<AutoCloseable> open = new ArrayList<>();

  /** One kernel process: venue session, bridge, reconciler, kernel. */
  private final class Process {
    final GenericVenue venue;
    final AsyncVenueBridge bridge;
    final Reconciler reconciler;
    final TradingKernel kernel;
    final List<Order> sent = new ArrayList<>();
    MakerFirstVenue makerFirst;

    Process(MakerFirstSettings execution) {
      venue = new GenericVenue(exchange, true, Clock.system());
      open.add(venue);
      Venue routed = venue;
      if (execution.enabled()) {
        makerFirst =
            new MakerFirstVenue(
                venue,
                venue.instruments(),
                id -> exchange.lastPrice(GenericSymbols.of(id)).doubleValue(),
                execution);
        open.add(makerFirst);
        routed = makerFirst;
      }
      ManualClock clock = new ManualClock(Long.MIN_VALUE / 2);
      bridge = new AsyncVenueBridge(routed, clock, new GenericPriceFeed(exchange), 3_000);
      RiskEngine risk =
          RiskEngine.open(RiskConfig.unlimited(), riskStore, System::currentTimeMillis);
      reconciler = new Reconciler(new GenericVenueAccount(exchange), risk, bridge, 6, 0.01);
      kernel =
          LiveKernels.baselineRev(
              "generic", panel, instruments, bridge, clock, journal, risk, reconciler, sent, START);
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
    List<GenericListing> listings = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      Instrument inst = Instrument.derivedFrom(ids.get(i), close[i]);
      instruments.add(inst);
      listings.add(
          new GenericListing(
              GenericSymbols.of(inst.id()),
              inst.tickSize().toBigDecimal(),
              inst.stepSize().toBigDecimal(),
              new BigDecimal("5"),
              BigDecimal.valueOf(close[i]).setScale(inst.priceScale(), RoundingMode.HALF_EVEN)));
    }
    // every order fills in (up to) two trades: the loop sees partial fills throughout
    exchange =
        new GenericExchange(
            listings, new BigDecimal("10000"), GenericFees.DEFAULT, 2, System::currentTimeMillis);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void replay_throughGenericVenue_venuePositionsEqualTheJournal_feesPerItsSchedule() {
    Process p = new Process(MakerFirstSettings.disabled());
    assertThat(p.reconciler.startup().consistent()).isTrue();
    p.kernel.run(Pacer.unpaced());
    assertThat(p.kernel.rebalances()).isEqualTo(4);
    assertThat(p.kernel.account().openPositions()).isNotEmpty();
    assertThat(venuePositions()).isEqualTo(journalPositions(p));
    assertThat(exchange.orderCount()).isEqualTo(distinctIds(p.sent));
    assertThat(journal.fillCount()).isEqualTo(exchange.trades().size());
    assertThat(exchange.trades().size()).as("partial fills").isGreaterThan(p.sent.size());
    assertThat(journal.fills().keySet()).allMatch(id -> id.contains("-PERP:"));
    for (GenericEvent.Traded t : exchange.trades()) {
      BigDecimal notional = t.quantity().multiply(t.price());
      BigDecimal expected = notional.multiply(new BigDecimal(t.maker() ? "-0.0001" : "0.0004"));
      assertThat(t.fee()).isEqualByComparingTo(expected.setScale(8, RoundingMode.HALF_EVEN));
      Fill f = journal.fills().get(t.tradeId());
      assertThat(f.fee().toBigDecimal()).isEqualByComparingTo(t.fee());
    }
    assertThat(p.kernel.account().totalFees().toBigDecimal())
        .isEqualByComparingTo(
            exchange.trades().stream()
                .map(GenericEvent.Traded::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    var check = p.reconciler.check(p.kernel.now(), false, true);
    assertThat(check.mismatches()).isEmpty();
    assertThat(check.consistent()).isTrue();
  }

  @Test
  void venueOutage_alertsAndSendsNoOrders_thenRecovers() {
    Process p = new Process(MakerFirstSettings.disabled());
    p.kernel.run(t -> t < START + 30 * HOUR);
    int before = exchange.orderCount();
    assertThat(before).isPositive();
    exchange.outage(true);
    p.kernel.run(t -> t < START + 54 * HOUR);
    assertThat(exchange.orderCount()).as("no order during the outage").isEqualTo(before);
    assertThat(riskStore.activeAlerts()).extracting(Alert::ruleName).contains("venue_unreachable");
    exchange.outage(false);
    p.kernel.run(Pacer.unpaced());
    assertThat(riskStore.activeAlerts())
        .extracting(Alert::ruleName)
        .doesNotContain("venue_unreachable");
    assertThat(exchange.orderCount()).isGreaterThan(before);
    assertThat(venuePositions()).isEqualTo(journalPositions(p));
  }

  @Test
  void makerFirst_inTheLoop_positionsStillEqualTheVenue_andKpisAccountForEveryEntry() {
    Process p = new Process(new MakerFirstSettings(true, 1, 50, 30));
    p.kernel.run(Pacer.unpaced());
    assertThat(p.bridge.awaitSettled(3_000)).isTrue();
    p.bridge.drain();
    assertThat(venuePositions()).isEqualTo(journalPositions(p));
    assertThat(journal.fillCount()).isEqualTo(exchange.trades().size());
    var kpis = p.makerFirst.kpis();
    assertThat(kpis.entries()).isEqualTo(distinctIds(p.sent));
    assertThat(kpis.entries()).isEqualTo(kpis.makerOnly() + kpis.fallbacks() + kpis.keptPartial());
    assertThat(kpis.fallbacks()).as("no print within 50 ms: most entries fall back").isPositive();
    // an entry ends early when the next bar's print crossed its limit before it was placed (the
    // post-only limit is refused and the fallback follows at once), otherwise at the timeout
    assertThat(kpis.timeouts()).isLessThanOrEqualTo(kpis.entries() - kpis.makerOnly());
    // every venue order is the kernel's id or its one derived fallback id
    assertThat(exchange.orderCount()).isLessThanOrEqualTo(2 * distinctIds(p.sent));
  }

  private Map<InstrumentId, BigDecimal> venuePositions() {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    exchange
        .positions()
        .forEach((s, q) -> out.put(GenericSymbols.parse(s), q.stripTrailingZeros()));
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

  private static int distinctIds(List<Order> orders) {
    Set<String> ids = new HashSet<>();
    orders.forEach(o -> ids.add(o.clientOrderId().value()));
    return ids.size();
  }
}
