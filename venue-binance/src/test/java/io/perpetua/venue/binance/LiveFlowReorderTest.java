package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.TickValidator;
import io.perpetua.signals.flow.FlowState;
import io.perpetua.signals.flow.SymbolFlowConfig;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed's reorder window on the fake Binance: trades above a hole the stream's gap fill
 * left (REST down: the fake's outage) are held; the hole's back-fill and the held trades reach the
 * engine's side — a {@link TickValidator} in front of a {@link FlowState}, as in the platform's
 * flow runtime — once each, in agg-id order; after the window the held trades go on alone and the
 * hole's trades, back-filled later, are stored but never stepped out of order.
 */
class LiveFlowReorderTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private FakeBinanceServer server;
  private final TickValidator validator = new TickValidator("reorder test");
  private final FlowState state = new FlowState(SymbolFlowConfig.defaults(BTC));
  private final List<Long> stepped = new CopyOnWriteArrayList<>();
  private final MemoryFlowTickStore store = new MemoryFlowTickStore();

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LiveFlowFeed feed(long reorderWindowMs) {
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    return new LiveFlowFeed(
        rest,
        List.of("BTCUSDT"),
        LiveFlowSettings.defaults()
            .withPeriods(3_600_000, 3_600_000)
            .withReorderWindowMs(reorderWindowMs),
        store,
        this::step,
        (key, on) -> {},
        System::currentTimeMillis);
  }

  /** The runtime's tick seam: hostile ticks are refused before the state. */
  private synchronized void step(FlowTick tick) {
    if (validator.accept(tick) && tick instanceof AggTrade a) {
      state.onTick(a);
      stepped.add(a.aggId());
    }
  }

  private void trade(String price) {
    server.exchange().trade("BTCUSDT", new BigDecimal(price), new BigDecimal("0.5"), false);
  }

  /** Trade 1 streamed, 2..5 missed by the stream, 6 streamed while REST is down: a hole 2..5. */
  private void holeWhileRestIsDown(LiveFlowFeed f) throws InterruptedException {
    f.start();
    assertThat(await(() -> server.marketConnections() == 2, 5_000)).isTrue();
    trade("50000.0");
    assertThat(await(() -> stepped.equals(List.of(1L)), 5_000)).isTrue();
    server.pauseMarketStream(true);
    for (int i = 0; i < 4; i++) {
      trade("50001." + i);
    }
    server.pauseMarketStream(false);
    server.faults().outage(true); // the stream's gap fill and the window's retries fail
    trade("50002.0");
    assertThat(await(() -> f.trades().holes().containsKey("BTCUSDT"), 20_000))
        .as("stepped %s", stepped)
        .isTrue();
    assertThat(f.trades().holes().get("BTCUSDT")).isEqualTo(java.util.Map.of(2L, 5L));
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void aHoleBackFilledWithinTheWindow_theStateSeesEveryTradeOnce_inIdOrder() throws Exception {
    try (LiveFlowFeed f = feed(3_600_000)) {
      holeWhileRestIsDown(f);
      assertThat(await(() -> f.trades().held() == 1, 5_000)).as("id 6 held").isTrue();
      assertThat(stepped).containsExactly(1L);
      server.faults().outage(false); // the window's next retry fills the hole
      assertThat(await(() -> stepped.size() == 6, 5_000)).as("%s", stepped).isTrue();
      trade("50003.0");
      assertThat(await(() -> stepped.size() == 7, 5_000)).isTrue();

      assertThat(stepped).containsExactlyElementsOf(range(1, 7));
      assertThat(validator.rejected()).isZero();
      assertThat(state.lastPrice()).isEqualTo(50003.0);
      assertThat(f.trades().holes()).isEmpty();
      assertThat(f.trades().held()).isZero();
      assertThat(f.trades().late()).isZero();
      assertThat(f.trades().duplicates()).isZero();
      assertThat(f.writer().flush(5_000)).isTrue();
      assertThat(store.tradeIds(BTC)).containsExactlyElementsOf(range(1, 7));

      // hostile ticks are still refused: a venue trade replayed is dropped as a duplicate by the
      // feed, and an older id reaching the seam is refused by the validator
      f.trades()
          .onTrade(
              new io.perpetua.venue.binance.AggTrade(
                  "BTCUSDT", 3, new BigDecimal("1"), new BigDecimal("1"), 9, 9, 1L, false));
      assertThat(f.trades().duplicates()).isEqualTo(1);
      step(new AggTrade(BTC, 4, System.currentTimeMillis(), 50000.0, 0.5, false));
      assertThat(validator.counts().get(TickValidator.Reason.OUT_OF_ORDER_ID)).isEqualTo(1);
      assertThat(stepped).containsExactlyElementsOf(range(1, 7));
    }
  }

  @Test
  void theWindowOver_heldTradesGoOnInIdOrder_theLateHoleIsStoredButNeverStepped() throws Exception {
    try (LiveFlowFeed f = feed(300)) {
      holeWhileRestIsDown(f);
      trade("50002.1"); // id 7, also above the hole
      assertThat(await(() -> stepped.size() == 3, 5_000)).as("%s", stepped).isTrue();
      assertThat(stepped).containsExactly(1L, 6L, 7L); // released after the window, in id order
      server.faults().outage(false);

      assertThat(f.checkContinuity()).isEqualTo(4); // the hole 2..5, late
      assertThat(f.trades().holes()).isEmpty();
      assertThat(f.trades().late()).isEqualTo(4);
      assertThat(stepped).containsExactly(1L, 6L, 7L);
      assertThat(validator.rejected()).as("nothing out of order reached the seam").isZero();
      assertThat(f.writer().flush(5_000)).isTrue();
      assertThat(store.tradeIds(BTC)).containsExactlyInAnyOrderElementsOf(range(1, 7));
      assertThat(store.storedTwice).isZero();
    }
  }
}
