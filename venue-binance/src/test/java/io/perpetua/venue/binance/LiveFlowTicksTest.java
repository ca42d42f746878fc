package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's aggTrade stream as the flow engine's ticks: caught up from the last stored id at
 * start, a dropped stream filled from REST with no gap and no duplicate, and the silent-stream
 * alert.
 */
class LiveFlowTicksTest {
  private FakeBinanceServer server;
  private final List<FlowTick> ticks = new CopyOnWriteArrayList<>();
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000_000);

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LiveFlowTicks feed() {
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    return new LiveFlowTicks(
        rest,
        List.of("BTCUSDT"),
        ticks::add,
        (symbol, silent) -> alerts.add(symbol + (silent ? " silent" : " back")),
        now::get,
        30_000);
  }

  private void trade(String price, boolean buyerMaker) {
    server.exchange().trade("BTCUSDT", new BigDecimal(price), new BigDecimal("0.5"), buyerMaker);
  }

  private List<Long> ids() {
    return ticks.stream().map(t -> ((AggTrade) t).aggId()).toList();
  }

  @Test
  void caughtUpFromTheStoredId_thenADroppedStreamIsFilled_noGapNoDuplicate() throws Exception {
    for (int i = 0; i < 4; i++) {
      trade("50000." + i, i % 2 == 0); // ids 1..4 while the platform was down
    }
    try (LiveFlowTicks f = feed()) {
      f.resumeFrom("BTCUSDT", 2); // stored before the restart
      f.start();
      assertThat(await(() -> ids().size() == 2, 5_000)).isTrue();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      trade("50001.0", false);
      assertThat(await(() -> ids().size() == 3, 5_000)).isTrue();

      server.pauseMarketStream(true); // the next trades reach no stream
      server.dropConnections();
      for (int i = 0; i < 5; i++) {
        trade("50002." + i, true);
      }
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      server.pauseMarketStream(false);
      trade("50003.0", false);
      assertThat(await(() -> ids().size() == 9, 5_000)).isTrue();
      Thread.sleep(100);

      assertThat(ids()).containsExactlyElementsOf(LongStream.rangeClosed(3, 11).boxed().toList());
      assertThat(f.lastIds()).containsEntry("BTCUSDT", 11L);
      assertThat(f.delivered()).isEqualTo(9);
      AggTrade first = (AggTrade) ticks.get(0);
      assertThat(first.instrument().venueSymbol()).isEqualTo("BTCUSDT");
      assertThat(first.price()).isEqualTo(50000.2);
      assertThat(first.quantity()).isEqualTo(0.5);
      assertThat(first.buyerMaker()).isTrue();
    }
  }

  @Test
  void aStreamSilentLongerThanTheLimit_raisesTheAlertOnce_andClearsItWhenTradesReturn()
      throws Exception {
    try (LiveFlowTicks f = feed()) {
      f.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      now.addAndGet(30_000);
      f.checkSilence();
      assertThat(alerts).as("30 s is not more than 30 s").isEmpty();
      now.addAndGet(1_000);
      f.checkSilence();
      f.checkSilence();
      assertThat(alerts).containsExactly("BTCUSDT silent");
      trade("50000.0", false);
      assertThat(await(() -> alerts.size() == 2, 5_000)).isTrue();
      assertThat(alerts).containsExactly("BTCUSDT silent", "BTCUSDT back");
    }
  }
}
