package io.perpetua.app;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.liveRisk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.time.Clock;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowSnapshot;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.flow.InMemoryFlowStateStore;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.flow.live.FlowLiveExecutor;
import io.perpetua.trading.flow.live.FlowLiveSettings;
import io.perpetua.trading.flow.live.FlowLiveVenue;
import io.perpetua.trading.testing.FlowFixtures;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeExchange;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flow position's exits are never doubled by a crash and restart, against the fake Binance that
 * keeps a client order id unique among <em>open</em> orders only (Binance's rule). One fake account
 * outlives two "processes" (a signed REST client, the adapter with its user-data stream,
 * maker-first, and a {@link FlowLiveExecutor}); the first is killed after a seeded number of the
 * position's orders reached the venue, their answers delayed, so the kill lands while the entry,
 * the resting TP limits, the TP fallback or the stop's close are being placed; it is stopped
 * without a word to the venue (its stream and threads just end). The second restarts the flow
 * engine from a snapshot of the position as it was before the step the kill landed in, through the
 * platform's {@link FlowRuntime#restore} (which hands the restored position to the new executor),
 * and the engine then decides that step again and the rest. The venue then holds no client order id
 * twice, the same orders as an uninterrupted run, a flat position, and the second executor booked
 * every venue trade exactly once: a decision re-derived after the restart finds its order at the
 * venue ({@code allOrders}) and adopts it instead of placing it again. Without the hand-over the
 * new executor never mirrors the position and the venue is not flat.
 *
 * <p>In-process; {@link FlowLiveKillTest} does the same with a real SIGKILL of a child platform JVM
 * whose flow account is an outside fake Binance.
 */
class FlowExitKillTest {
  private static final long WAIT = 300;
  private static final String ID = "factory-1:BTCUSDT:kill";

  /** One decision of the flow engine, with the prints that precede it at the venue. */
  @FunctionalInterface
  private interface Step {
    void run(Proc p, boolean printAtVenue);
  }

  private FakeBinanceServer server;
  private FakeExchange fake;
  private long now = FlowFixtures.T0;

  @BeforeEach
  void start() {
    server =
        FakeBinanceServer.start(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("9700.0"))),
            "127.0.0.1",
            0,
            new BigDecimal("10000"));
    fake = server.exchange();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void killsDuringATpExitsPlacement_neverDoubleAnOrder() throws Exception {
    checkKills(tpScript(), 4, 31);
  }

  @Test
  void killsDuringAStopsClose_neverDoubleAnOrder() throws Exception {
    checkKills(stopScript(), 4, 47);
  }

  /** The reference run's orders, then three seeded kills, each on a fresh fake account. */
  private void checkKills(Script script, int expectedOrders, long seed) throws Exception {
    Map<String, String> reference = runOnce(script, -1);
    assertThat(reference).hasSize(expectedOrders);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 3; i++) {
      stop();
      start();
      int killAfter = 1 + rnd.nextInt(expectedOrders);
      assertThat(runOnce(script, killAfter))
          .as("kill %d after %d of %d orders: the venue's orders", i, killAfter, expectedOrders)
          .isEqualTo(reference);
    }
  }

  /**
   * Runs {@code script}; {@code killAfter} > 0 kills the process once the venue holds that many
   * orders and finishes the position in a new one. Returns the venue's orders: id → type and
   * status.
   */
  private Map<String, String> runOnce(Script script, int killAfter) throws Exception {
    Proc p = new Proc(true);
    int step = 0;
    if (killAfter > 0) {
      server.faults().delayAcknowledgements(400);
    }
    boolean killed = false;
    for (; step < script.size() && !killed; step++) {
      script.steps().get(step).run(p, true);
      killed = awaitKillPoint(p, killAfter > 0 ? killAfter : Integer.MAX_VALUE);
    }
    assertThat(killed).as("killed after %d orders", killAfter).isEqualTo(killAfter > 0);
    if (killed) {
      p.kill();
      server.faults().delayAcknowledgements(0);
      p = new Proc(false);
      // the engine restarts from its checkpoint before the step the kill landed in: the platform's
      // restore hands the position it held then to the new executor
      int killing = step - 1;
      restoreEngine(p, killing == 0 ? null : script.after().get(killing - 1));
      assertThat(p.executor.awaitIdle(5_000)).isTrue();
      Thread.sleep(2 * WAIT);
      script.steps().get(killing).run(p, false); // decided again from the replayed ticks
      assertThat(p.executor.awaitIdle(5_000)).isTrue();
      Thread.sleep(2 * WAIT);
      for (; step < script.size(); step++) {
        script.steps().get(step).run(p, true);
        awaitKillPoint(p, Integer.MAX_VALUE);
      }
    }
    try {
      return flatAndBookedOnce(p);
    } finally {
      p.kill();
    }
  }

  /** True once the venue holds {@code killAfter} orders; false once the step has settled. */
  private boolean awaitKillPoint(Proc p, int killAfter) throws InterruptedException {
    long end = System.currentTimeMillis() + 5_000;
    long quietSince = System.currentTimeMillis();
    int seen = fake.orderCount();
    while (System.currentTimeMillis() < end) {
      if (fake.orderCount() >= killAfter) {
        return true;
      }
      if (fake.orderCount() != seen) {
        seen = fake.orderCount();
        quietSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - quietSince > 3 * WAIT + 500
          && p.executor.awaitIdle(0)) {
        return false;
      }
      Thread.sleep(2);
    }
    return false;
  }

  private Map<String, String> flatAndBookedOnce(Proc p) throws InterruptedException {
    assertThat(p.executor.awaitIdle(5_000)).isTrue();
    Map<String, String> orders = new HashMap<>();
    for (JsonNode o : fake.allOrders()) {
      String id = o.get("clientOrderId").asText();
      String was = orders.put(id, o.get("type").asText() + " " + o.get("status").asText());
      assertThat(was).as("client order id %s placed twice", id).isNull();
    }
    await("flat at the venue", () -> venuePosition().signum() == 0);
    assertThat(p.executor.awaitIdle(5_000)).isTrue();
    await(
        "every venue trade booked once",
        () -> p.executor.positions().get(0).fills() == fake.userTrades("BTCUSDT", null).size());
    assertThat(p.executor.netPositions().get(BTC)).isEqualByComparingTo("0");
    assertThat(fake.openOrders("BTCUSDT")).isEmpty();
    return orders;
  }

  /**
   * The restarted platform's flow engine: restored from a snapshot holding {@code position} (null:
   * none) through {@link FlowRuntime#restore}, with the new executor listening.
   */
  private void restoreEngine(Proc p, PositionSnapshot position) {
    FlowService engine =
        new FlowService(
            FlowEngineSettings.paper("kill"),
            Set.of(BTC),
            new InMemoryFlowJournal(),
            new InMemoryFlowStateStore(),
            Clock.system(),
            p.executor);
    List<PositionSnapshot> open = position == null ? List.of() : List.of(position);
    FlowRuntime.restore(
        engine,
        new FlowSnapshot(
            "kill", now, List.of(), open, List.of(), List.of(), List.of(), List.of(), List.of()),
        p.executor);
  }

  private BigDecimal venuePosition() {
    for (JsonNode x : fake.positionRisk()) {
      if (x.get("symbol").asText().equals("BTCUSDT")) {
        return new BigDecimal(x.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (!done.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(end);
      Thread.sleep(5);
    }
  }

  private static PositionSnapshot position(double remaining) {
    return FlowFixtures.position(
        ID, FlowDirection.LONG, 1, remaining, remaining < 1 ? 9_705 : Double.NaN);
  }

  /**
   * A position's decisions and the paper position the engine holds after each (null: none).
   *
   * @param steps the decisions
   * @param after the engine's open position after each step
   */
  private record Script(List<Step> steps, List<PositionSnapshot> after) {
    int size() {
      return steps.size();
    }
  }

  /** Entry, both TP limits resting, TP1 not reached at the venue (market fallback), TP2 fills. */
  private Script tpScript() {
    List<Step> steps =
        List.of(
            (p, v) -> p.executor.onPositionOpened(position(1)),
            (p, v) -> p.print(9_699.9, "5", v),
            (p, v) -> {
              p.print(9_704.9, "3", v);
              p.executor.onPositionUpdated(position(0.5));
            },
            (p, v) -> {
              p.print(9_710.0, "3", v);
              p.executor.onTradeClosed(
                  FlowFixtures.closed(ID, FlowDirection.LONG, 1, FlowTradeStatus.TP, 9_710));
            });
    return new Script(steps, Arrays.asList(position(1), position(1), position(0.5), null));
  }

  /** Entry, both TP limits resting, then the stop: the TPs cancelled, the rest closed at market. */
  private Script stopScript() {
    List<Step> steps =
        List.of(
            (p, v) -> p.executor.onPositionOpened(position(1)),
            (p, v) -> p.print(9_699.9, "5", v),
            (p, v) -> p.print(9_698.0, "1", v),
            (p, v) -> {
              p.print(9_689.0, "1", v);
              p.executor.onTradeClosed(
                  FlowFixtures.closed(ID, FlowDirection.LONG, 1, FlowTradeStatus.SL, 9_690));
            });
    return new Script(steps, Arrays.asList(position(1), position(1), position(1), null));
  }

  /** One platform process's live flow side on the shared fake account. */
  private final class Proc {
    final BinanceVenue venue;
    final MakerFirstVenue makerFirst;
    final FlowLiveExecutor executor;
    final FakeVenuePriceFeed feed;

    /** Connects; a {@code fresh} process prints the first price at the venue too. */
    Proc(boolean fresh) throws InterruptedException {
      BinanceRestClient rest =
          new BinanceRestClient(
              BinanceConfig.of(server.restBaseUrl(), server.wsBaseUrl()),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              Clock.system());
      venue = BinanceVenue.connect(rest, true, Clock.system());
      makerFirst =
          new MakerFirstVenue(
              venue,
              venue.instruments(),
              id -> fake.lastPrice(id.venueSymbol()).doubleValue(),
              new MakerFirstSettings(true, 1, 60_000, 10));
      executor =
          new FlowLiveExecutor(
              new FlowLiveVenue(
                  venue, makerFirst, new BinanceVenueAccount(rest, "USDT"), venue::reconcile),
              venue.instruments(),
              liveRisk(),
              null,
              new FlowLiveSettings(10_000, 60_000, 3, WAIT, WAIT));
      feed = new FakeVenuePriceFeed(fake, venue::onMarkPrice);
      await("user stream connected", () -> server.userConnections() == 1);
      print(9_700.0, "1", fresh);
    }

    /** A trade: printed at the venue unless replayed, then its price to the executor. */
    void print(double price, String qty, boolean atVenue) {
      if (atVenue) {
        feed.onTrade(BTC, price, new BigDecimal(qty), false);
      }
      now += 1_000;
      executor.onPrice(BTC, price, now);
    }

    /** Ends the process without a word to the venue: its stream closes, its threads stop. */
    void kill() throws InterruptedException {
      venue.close();
      makerFirst.close();
      executor.close();
      await("user stream closed", () -> server.userConnections() == 0);
    }
  }
}
