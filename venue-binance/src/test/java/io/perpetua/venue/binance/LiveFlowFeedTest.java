package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.BookImbalance;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.Liquidation;
import io.perpetua.market.tick.MarkPriceUpdate;
import io.perpetua.market.tick.OpenInterestUpdate;
import io.perpetua.market.tick.PositionRatios;
import io.perpetua.market.tick.SpotPerpDivergence;
import io.perpetua.signals.flow.FlowInputs;
import io.perpetua.signals.flow.FlowState;
import io.perpetua.signals.flow.FlowWindow;
import io.perpetua.signals.flow.SymbolFlowConfig;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The live flow feed on the fake Binance over real sockets: every input kind reaches a flow state
 * from the fake's streams and REST polls; a dropped stream is caught up from the last agg id with
 * no gap and no duplicate (also across a restart, from the stored meta); the continuity check
 * back-fills a hole and an unseen tail; a silent stream raises the alert after the configured time;
 * malformed messages are refused with a logged reason and never reach the sink.
 */
class LiveFlowFeedTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private FakeBinanceServer server;
  private final List<FlowTick> ticks = new CopyOnWriteArrayList<>();
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final MemoryFlowTickStore store = new MemoryFlowTickStore();

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LiveFlowFeed feed(LiveFlowSettings settings) {
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    return new LiveFlowFeed(
        rest,
        List.of("BTCUSDT"),
        settings,
        store,
        ticks::add,
        (key, on) -> alerts.add(key + (on ? " silent" : " back")),
        System::currentTimeMillis);
  }

  /** Checks run only when a test calls them. */
  private LiveFlowSettings manual() {
    return LiveFlowSettings.defaults().withPeriods(3_600_000, 3_600_000);
  }

  private void trade(String price, boolean buyerMaker) {
    server.exchange().trade("BTCUSDT", new BigDecimal(price), new BigDecimal("0.5"), buyerMaker);
  }

  private <T extends FlowTick> List<T> of(Class<T> kind) {
    return ticks.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private List<Long> tradeIds() {
    return of(AggTrade.class).stream().map(AggTrade::aggId).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void everyInputKind_reachesAFlowStrategysState_fromTheFakesStreamsAndPolls() throws Exception {
    try (LiveFlowFeed f = feed(manual().withSpotWsUrl(server.wsBaseUrl()))) {
      f.start();
      assertThat(await(() -> server.marketConnections() == 3, 5_000)).isTrue();
      assertThat(await(() -> !of(PositionRatios.class).isEmpty(), 5_000)).isTrue();
      assertThat(of(OpenInterestUpdate.class)).hasSize(1);
      trade("50000.0", false);
      assertThat(await(() -> !of(MarkPriceUpdate.class).isEmpty(), 5_000)).isTrue();
      long now = System.currentTimeMillis();
      server.injectMarketMessage(
          "btcusdt@forceOrder",
          "{\"e\":\"forceOrder\",\"E\":"
              + now
              + ",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"BUY\",\"o\":\"LIMIT\",\"f\":\"IOC\","
              + "\"q\":\"2\",\"p\":\"50100\",\"ap\":\"50000\",\"X\":\"FILLED\",\"T\":"
              + now
              + "}}");
      server.injectMarketMessage(
          "btcusdt@depth10@100ms",
          "{\"e\":\"depthUpdate\",\"E\":"
              + now
              + ",\"T\":"
              + now
              + ",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"pu\":0,"
              + "\"b\":[[\"49999.9\",\"3\"],[\"49999.8\",\"3\"],[\"49999.7\",\"3\"],[\"49990\",\"0\"]],"
              + "\"a\":[[\"50000.1\",\"1\"],[\"50000.2\",\"1\"],[\"50000.3\",\"1\"]]}");
      assertThat(await(() -> !of(Liquidation.class).isEmpty(), 5_000)).isTrue();
      assertThat(
              await(
                  () -> of(BookImbalance.class).stream().anyMatch(b -> b.imbalance() == 0.5),
                  5_000))
          .isTrue();
      trade("50000.0", true); // the spot bookTicker after the mark is known
      assertThat(await(() -> !of(SpotPerpDivergence.class).isEmpty(), 5_000)).isTrue();

      FlowState state = new FlowState(SymbolFlowConfig.defaults(BTC));
      List<FlowTick> seen = new ArrayList<>(ticks);
      seen.sort(java.util.Comparator.comparingLong(FlowTick::timeMs)); // streams interleave
      seen.forEach(state::onTick);
      FlowInputs in = state.inputs(FlowWindow.M5, FlowWindow.H4, 0, 0);
      PositionRatios ratios = of(PositionRatios.class).get(0);
      assertThat(in.price()).isEqualTo(50000.0);
      assertThat(in.cvdFast()).isZero(); // one taker buy and one taker sell of 0.5
      assertThat(in.fundingRate()).isEqualTo(0.0001);
      assertThat(in.longShortRatio()).isEqualTo(ratios.longShortRatio()).isPositive();
      assertThat(in.topTraderLongShare()).isEqualTo(ratios.topTraderLongShare());
      assertThat(in.liquidatedShortUsd()).isEqualTo(100_000.0);
      assertThat(in.liquidatedLongUsd()).isZero();
      assertThat(in.spotPerpDivergence()).isZero(); // the fake's spot is its perp: no basis
      assertThat(f.rejections()).isEmpty();
    }
  }

  @Test
  void aDroppedStream_isCaughtUpFromTheLastAggId_noGapNoDuplicate_storedWithItsMeta()
      throws Exception {
    try (LiveFlowFeed f = feed(manual())) {
      f.start();
      assertThat(await(() -> server.marketConnections() == 2, 5_000)).isTrue();
      trade("50000.0", false);
      trade("50000.1", true);
      assertThat(await(() -> tradeIds().size() == 2, 5_000)).isTrue();
      server.pauseMarketStream(true); // fault injection: the stream drops and misses trades
      server.dropConnections();
      for (int i = 0; i < 6; i++) {
        trade("50001." + i, i % 2 == 0);
      }
      assertThat(await(() -> server.marketConnections() == 2, 5_000)).isTrue();
      server.pauseMarketStream(false);
      trade("50002.0", false);
      assertThat(await(() -> tradeIds().size() == 9, 5_000)).isTrue();
      assertThat(f.writer().flush(5_000)).isTrue();
      assertThat(tradeIds()).containsExactlyElementsOf(range(1, 9));
      assertThat(store.tradeIds(BTC)).containsExactlyElementsOf(range(1, 9));
      var meta = store.meta().get(BTC);
      assertThat(meta.lastAggId()).isEqualTo(9);
      assertThat(meta.firstAggId()).isEqualTo(1);
      assertThat(meta.tickSize()).isEqualByComparingTo("0.1");
    }
    ticks.clear();
    for (int i = 0; i < 3; i++) {
      trade("50003." + i, true); // while the platform is down
    }
    try (LiveFlowFeed f = feed(manual())) {
      f.start(); // catches up from the stored id 9
      assertThat(await(() -> tradeIds().size() == 3, 5_000)).isTrue();
      assertThat(await(() -> server.marketConnections() == 2, 5_000)).isTrue();
      trade("50004.0", false);
      assertThat(await(() -> tradeIds().size() == 4, 5_000)).isTrue();
      assertThat(f.writer().flush(5_000)).isTrue();
      assertThat(tradeIds()).containsExactlyElementsOf(range(10, 13));
      assertThat(store.tradeIds(BTC)).containsExactlyElementsOf(range(1, 13));
      assertThat(store.storedTwice).isZero();
    }
  }

  @Test
  void theContinuityCheck_backFillsAHoleTheGapFillLeft_andAnUnseenTail() throws Exception {
    try (LiveFlowFeed f = feed(manual().withReorderWindowMs(3_600_000))) {
      f.start();
      assertThat(await(() -> server.marketConnections() == 2, 5_000)).isTrue();
      trade("50000.0", false);
      assertThat(await(() -> tradeIds().size() == 1, 5_000)).isTrue();
      server.pauseMarketStream(true);
      for (int i = 0; i < 4; i++) {
        trade("50001." + i, true); // ids 2..5 never streamed
      }
      server.pauseMarketStream(false);
      server.faults().outage(true); // the stream's gap fill fails (and the window's retries)
      trade("50002.0", false); // id 6: over the hole, held by the reorder window
      // (the stream's failed gap fill comes first: a slow 503 under load)
      assertThat(await(() -> f.trades().held() == 1, 20_000))
          .as("held %d, ids %s, holes %s", f.trades().held(), tradeIds(), f.trades().holes())
          .isTrue();
      assertThat(f.trades().holes()).containsEntry("BTCUSDT", java.util.Map.of(2L, 5L));
      assertThat(tradeIds()).containsExactly(1L);

      server.pauseMarketStream(true);
      trade("50003.0", true); // id 7: the stream then stays silent
      trade("50003.1", true); // id 8
      server.pauseMarketStream(false);
      server.faults().outage(false);

      f.checkContinuity(); // (the window's retry may fill the hole first)
      assertThat(f.trades().backFilled()).isEqualTo(6);
      assertThat(f.trades().holes()).isEmpty();
      assertThat(tradeIds()).containsExactlyElementsOf(range(1, 8)); // in agg-id order
      assertThat(new HashSet<>(tradeIds())).hasSize(8);
      assertThat(f.checkContinuity()).as("nothing left to fill").isZero();
      trade("50004.0", false);
      assertThat(await(() -> tradeIds().size() == 9, 5_000)).isTrue();
      assertThat(f.writer().flush(5_000)).isTrue();
      assertThat(store.tradeIds(BTC)).containsExactlyInAnyOrderElementsOf(range(1, 9));
    }
  }

  @Test
  void aStreamSilentLongerThanTheConfiguredTime_raisesTheAlert_clearedWhenEventsReturn()
      throws Exception {
    try (LiveFlowFeed f = feed(manual().withSilentAfterMs(300))) {
      long started = System.currentTimeMillis();
      f.start();
      assertThat(await(() -> alerts.contains("BTCUSDT@aggTrade silent"), 5_000)).isTrue();
      assertThat(System.currentTimeMillis() - started).isGreaterThanOrEqualTo(300);
      assertThat(
              await(
                  () ->
                      alerts.containsAll(
                          List.of("BTCUSDT@markPrice silent", "BTCUSDT@depth10 silent")),
                  5_000))
          .isTrue();
      assertThat(alerts.stream().filter("BTCUSDT@aggTrade silent"::equals)).hasSize(1);
      trade("50000.0", false);
      assertThat(
              await(
                  () ->
                      alerts.contains("BTCUSDT@aggTrade back")
                          && alerts.contains("BTCUSDT@markPrice back"),
                  5_000))
          .isTrue();
    }
  }

  @Test
  void malformedStreamMessages_areRefusedWithALoggedReason_andNeverReachTheSink() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    List<Logger> loggers =
        List.of(
            (Logger) LoggerFactory.getLogger(LiveFlowFeed.class),
            (Logger) LoggerFactory.getLogger(MarketDataStream.class),
            (Logger) LoggerFactory.getLogger(io.perpetua.market.tick.TickValidator.class));
    loggers.forEach(l -> l.addAppender(log));
    try (LiveFlowFeed f = feed(manual())) {
      f.start();
      assertThat(await(() -> server.marketConnections() == 2, 5_000)).isTrue();
      assertThat(await(() -> !of(PositionRatios.class).isEmpty(), 5_000)).isTrue();
      int before = ticks.size();
      injectHostileMessages();
      assertThat(
              await(
                  () -> f.rejections().values().stream().mapToLong(Long::longValue).sum() == 6,
                  5_000))
          .as("%s", f.rejections())
          .isTrue();
      assertThat(f.rejections())
          .containsEntry("malformed_message", 2L)
          .containsEntry("invalid_mark_price", 1L)
          .containsEntry("invalid_force_order", 1L)
          .containsEntry("invalid_depth", 1L)
          .containsEntry("non_positive_quantity", 1L);
      assertThat(ticks).hasSize(before);
      List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines)
          .anyMatch(l -> l.contains("malformed JSON"))
          .anyMatch(l -> l.contains("invalid_mark_price") && l.contains("markPrice"))
          .anyMatch(l -> l.contains("invalid_force_order") && l.contains("SIDEWAYS"))
          .anyMatch(l -> l.contains("non_positive_quantity"));
      trade("50000.0", false); // the stream still works: id 1 is the fake's own first trade
      assertThat(await(() -> tradeIds().equals(List.of(1L)), 5_000)).isTrue();
    } finally {
      loggers.forEach(l -> l.detachAppender(log));
    }
  }

  /** Six messages no input may come from: two unparseable, four with impossible values. */
  private void injectHostileMessages() {
    long now = System.currentTimeMillis();
    String mark = "btcusdt@markPrice@1s";
    server.injectMarketMessage(mark, "{not json");
    server.injectMarketMessage(
        mark,
        "{\"e\":\"markPriceUpdate\",\"E\":"
            + now
            + ",\"s\":\"BTCUSDT\",\"p\":\"-5\","
            + "\"i\":\"50000\",\"r\":\"0.0001\",\"T\":0}");
    server.injectMarketMessage(
        "btcusdt@forceOrder",
        "{\"e\":\"forceOrder\",\"E\":1,\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SIDEWAYS\","
            + "\"q\":\"1\",\"p\":\"50000\",\"ap\":\"50000\",\"T\":"
            + now
            + "}}");
    server.injectMarketMessage(
        "btcusdt@depth10@100ms",
        "{\"e\":\"depthUpdate\",\"T\":"
            + now
            + ",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,"
            + "\"b\":[[\"49999\",\"0\"]],\"a\":[]}");
    server.injectMarketMessage(
        "btcusdt@aggTrade",
        "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":0,\"p\":\"50000\",\"q\":\"0\","
            + "\"f\":1,\"l\":1,\"T\":"
            + now
            + ",\"m\":false}");
    server.injectMarketMessage(
        "btcusdt@aggTrade",
        "{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":2,\"p\":\"50000\",\"q\":\"-1\"}");
  }
}
