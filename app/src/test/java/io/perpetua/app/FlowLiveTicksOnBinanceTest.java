package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.ManualClock;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code venue.type: binance} (a local fake standing in for the exchange): {@code flow.tick_source:
 * auto} runs the flow strategies on the venue's live ticks, stores them in the journal database,
 * and after a restart rebuilds the rolling state from the stored ticks (the engine scores on the
 * first new minute instead of warming up again) while the feed catches up from the stored last agg
 * id.
 */
class FlowLiveTicksOnBinanceTest {
  private static final String TOKEN = "flow-live-binance-token-0123456789";
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @TempDir Path dataDir;
  @TempDir Path configDir;
  @TempDir Path noSharedData;
  private FakeBinanceServer fake;
  private final SplittableRandom random = new SplittableRandom(21);
  private double price;

  @BeforeEach
  void startVenue() {
    fake =
        FakeBinanceServer.start(
            List.of(FakeListing.standard("BTCUSDT", null), FakeListing.standard("ETHUSDT", null)),
            "127.0.0.1",
            0,
            new BigDecimal("10000"));
    fake.exchange().seedHistory("1h", 200, 3);
    price = fake.exchange().lastPrice("BTCUSDT").doubleValue();
  }

  @AfterEach
  void stopVenue() {
    fake.close();
  }

  private Platform start() throws Exception {
    Path file = configDir.resolve("live.yaml");
    Files.writeString(
        file,
        """
        venue:
          type: binance
        binance:
          environment: testnet
          rest_url: %s
          ws_url: %s
          symbols: [BTCUSDT, ETHUSDT]
          history_bars: 120
        flow:
          symbols: [BTCUSDT]
          warmup_minutes: 15
          live: false
        """
            .formatted(fake.restBaseUrl(), fake.wsBaseUrl()));
    PerpetuaConfig config = ConfigLoader.load(file, Map.of("PERPETUA_PORT", "0"));
    assertThat(ConfigLoader.flowLiveTicks(config)).isTrue();
    return Platform.start(
        config,
        dataDir,
        noSharedData,
        Map.of(
            "PERPETUA_API_TOKEN", TOKEN,
            "PERPETUA_BINANCE_API_KEY", FakeBinanceServer.API_KEY,
            "PERPETUA_BINANCE_API_SECRET", FakeBinanceServer.API_SECRET),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        3_600,
        new ManualClock(System.currentTimeMillis()));
  }

  private static boolean await(BooleanSupplier condition, long timeoutMs)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** One trade a second from {@code fromMs} for {@code seconds}. */
  private void print(long fromMs, int seconds) {
    for (int i = 0; i < seconds; i++) {
      boolean buy = random.nextBoolean();
      price *= 1 + (buy ? 1 : -1) * 0.0004 * random.nextDouble();
      fake.exchange()
          .tradeAt(
              "BTCUSDT",
              BigDecimal.valueOf(price).setScale(1, RoundingMode.HALF_EVEN),
              new BigDecimal("0.250"),
              !buy,
              fromMs + i * 1_000L);
    }
  }

  @Test
  void liveTicksAreStored_andARestartWarmsUpFromThem() throws Exception {
    long now = System.currentTimeMillis();
    long from = now - 100 * 60_000L;
    long count;
    try (Platform p = start()) {
      assertThat(await(() -> p.flow().service() != null, 300_000)).isTrue();
      var feed = p.flow().liveTicks().feed();
      int first = 0;
      while (feed.trades().delivered() == 0 && first < 100) { // until the feed's stream is up
        print(from + first++ * 1_000L, 1);
        await(() -> feed.trades().delivered() > 0, 200);
      }
      assertThat(feed.trades().delivered()).isPositive();
      print(from + first * 1_000L, 90 * 60 - first); // 90 minutes of market time to 10 min ago
      FlowService s = p.flow().service();
      long expected = 90 * 60 - first + feed.trades().delivered();
      assertThat(await(() -> feed.trades().delivered() >= expected, 60_000)).isTrue();
      assertThat(await(() -> !s.latestEvaluations().isEmpty(), 30_000))
          .as("warm after 70 min of 5 m candles")
          .isTrue();
      var src = p.flow().liveTicks();
      assertThat(src.feed().writer().flush(10_000)).isTrue();
      count = src.stored(Set.of(BTC), from, now).stream().filter(t -> t.timeMs() >= from).count();
      assertThat(count).isGreaterThanOrEqualTo(90 * 60);
    }
    long downFrom = from + 90 * 60_000L;
    print(downFrom, 60); // while the platform is down
    try (Platform p = start()) {
      assertThat(await(() -> p.flow().service() != null, 300_000)).isTrue();
      FlowService s = p.flow().service();
      var src = p.flow().liveTicks();
      assertThat(await(() -> src.feed().trades().delivered() >= 60, 30_000))
          .as("caught up from the stored last agg id")
          .isTrue();
      assertThat(src.feed().trades().delivered()).isEqualTo(60);
      assertThat(src.feed().trades().duplicates()).isZero();
      print(downFrom + 60_000, 60); // one more minute, live
      assertThat(await(() -> src.feed().trades().delivered() >= 120, 30_000)).isTrue();
      assertThat(
              await(
                  () -> s.latestEvaluations().stream().anyMatch(e -> e.timeMs() > downFrom),
                  30_000))
          .as("scores at once: the rolling state came from the stored ticks")
          .isTrue();
    }
  }
}
