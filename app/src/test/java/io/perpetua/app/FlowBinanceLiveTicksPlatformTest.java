package io.perpetua.app;

import static io.perpetua.app.FlowLiveTicksPlatformTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.ManualClock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./perpetua run --venue binance} with an outside fake Binance as "binance" ({@code
 * binance.rest_url}/{@code ws_url}): {@code flow.tick_source: auto} takes the order-flow ticks live
 * from its streams, the flow kernel steps them, and they are stored in the journal database; a
 * dropped stream is caught up from the last agg id, with no gap and no duplicate in what the kernel
 * got and what was stored. Every wait has a deadline.
 */
class FlowBinanceLiveTicksPlatformTest {
  private static final String TOKEN = "flow-binance-ticks-token-0123456789";
  private static final List<String> SYMBOLS =
      List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "AAAUSDT", "BBBUSDT");
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @TempDir Path dataDir;
  @TempDir Path configDir;
  @TempDir Path noSharedData;
  private FakeBinanceServer fake;
  private ManualClock marketClock;

  @BeforeEach
  void startVenue() {
    fake =
        FakeBinanceServer.start(
            SYMBOLS.stream().map(s -> FakeListing.standard(s, null)).toList(),
            "127.0.0.1",
            0,
            new BigDecimal("10000"));
    long currentBar = fake.exchange().seedHistory("1h", 200, 11);
    marketClock = new ManualClock(currentBar + 60_000);
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
          symbols: [%s]
          history_bars: 120
        flow:
          live: false
          symbols: [BTCUSDT, ETHUSDT]
          tick_batch_rows: 10
        """
            .formatted(fake.restBaseUrl(), fake.wsBaseUrl(), String.join(", ", SYMBOLS)));
    PerpetuaConfig config = ConfigLoader.load(file, Map.of("PERPETUA_PORT", "0"));
    assertThat(ConfigLoader.flowLiveTicks(config)).as("auto is live on binance").isTrue();
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
        marketClock);
  }

  private void trades(long fromMs, int n) {
    for (int i = 0; i < n; i++) {
      fake.exchange()
          .tradeAt(
              "BTCUSDT",
              new BigDecimal("50000.0").add(BigDecimal.valueOf(i % 7)),
              new BigDecimal("0.250"),
              i % 3 == 0,
              fromMs + i * 100L);
    }
  }

  @Test
  void binanceRun_flowTicksComeLiveFromTheVenue_caughtUpAfterADrop_storedOnce() throws Exception {
    try (Platform p = start()) {
      assertThat(await(() -> p.flow().service() != null, 40_000)).as("flow kernel").isTrue();
      FlowService s = p.flow().service();
      FlowLiveTicks src = p.flow().liveTicks();
      assertThat(src).as("live ticks on venue.type binance").isNotNull();
      long first = fake.exchange().nextAggregateId("BTCUSDT");
      long t0 = Math.max(System.currentTimeMillis(), fake.exchange().marketTimeMs()) + 1_000;
      trades(t0, 40);
      assertThat(await(() -> src.feed().trades().delivered() >= 40, 10_000)).isTrue();

      fake.pauseMarketStream(true); // fault injection: the stream drops and misses trades
      fake.dropConnections();
      trades(t0 + 10_000, 20);
      fake.pauseMarketStream(false);
      trades(t0 + 20_000, 1);
      assertThat(
              await(
                  () -> src.feed().trades().delivered() >= 61 && s.lastTickMs() >= t0 + 20_000,
                  20_000))
          .as(
              "trades delivered %d, last tick stepped %d",
              src.feed().trades().delivered(), s.lastTickMs())
          .isTrue();

      var feed = src.feed();
      assertThat(feed.trades().delivered()).isEqualTo(61);
      assertThat(feed.trades().duplicates()).isZero();
      assertThat(feed.trades().holes()).isEmpty();
      assertThat(feed.rejections()).isEmpty();
      assertThat(feed.writer().flush(10_000)).isTrue();
      List<Long> stored =
          src.stored(List.of(BTC), t0 - 1, t0 + 60_000).stream()
              .filter(AggTrade.class::isInstance)
              .map(t -> ((AggTrade) t).aggId())
              .toList();
      assertThat(stored)
          .as("every trade stored once, no gap")
          .containsExactlyElementsOf(LongStream.range(first, first + 61).boxed().toList());
      assertThat(s.lastPrice(BTC)).isEqualTo(50000.0);

      var api = new TestApi(p.port(), TOKEN).data("/api/v1/flow/feed");
      assertThat(api.get("trades_delivered").asLong()).isEqualTo(61);
      assertThat(api.get("duplicates").asLong()).isZero();
      assertThat(api.get("reconnects").asLong()).as("the dropped stream").isPositive();
      assertThat(api.get("open_holes").asLong()).isZero();
      assertThat(api.get("streams").findValuesAsText("stream"))
          .contains("BTCUSDT@aggTrade", "BTCUSDT@markPrice", "ETHUSDT@depth10");
      assertThat(api.get("streams").get(0).get("messages").asLong()).isEqualTo(61);
    }
  }
}
