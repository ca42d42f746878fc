package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.venue.binance.fake.FakeExchange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./perpetua run --venue fake-binance} with {@code flow.tick_source: live}: the order-flow
 * engine takes its ticks from the fake's market streams and REST polls (not the tick file), warms
 * up on them, scores and opens paper positions; the feed's counters show every kind arrived.
 */
class FlowLiveTicksPlatformTest {
  private static final String TOKEN = "flow-live-ticks-token-0123456789";

  @TempDir Path dataDir;

  /** Polls {@code condition} every 20 ms until it holds or {@code timeoutMs} passed. */
  static boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Test
  void fakeBinanceRun_flowScoresAndTradesOnTheFakesStreams() throws Exception {
    PerpetuaConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "PERPETUA_PORT", "0",
                "PERPETUA_VENUE_TYPE", "fake-binance",
                "PERPETUA_FLOW_TICK_SOURCE", "live",
                "PERPETUA_FLOW_LIVE", "false",
                "PERPETUA_FLOW_WARMUP_MINUTES", "75"));
    assertThat(ConfigLoader.flowLiveTicks(config)).isTrue();
    try (Platform p = TestPlatforms.start(config, dataDir, TOKEN, 1)) {
      // the flow starts once the kernel is ready (the data import first)
      assertThat(await(() -> p.flow().service() != null, 300_000)).isTrue();
      FakeExchange fake = ((FakeBinanceLive) p.liveVenue()).fake.exchange();
      FlowService s = p.flow().service();
      FlowLiveTicks src = p.flow().liveTicks();
      assertThat(
              await(() -> ((FakeBinanceLive) p.liveVenue()).fake.marketConnections() >= 3, 10_000))
          .isTrue();

      // 110 minutes of market time (after the kernel's prints): a drift, then a rally of taker
      // buys, one trade a second
      long t = Math.max(System.currentTimeMillis(), fake.marketTimeMs()) + 1_000;
      SplittableRandom random = new SplittableRandom(13);
      double price = fake.lastPrice("BTCUSDT").doubleValue();
      int trades = 110 * 60;
      for (int i = 0; i < trades; i++) {
        boolean rally = i >= 75 * 60;
        boolean buy = random.nextDouble() < (rally ? 0.8 : 0.5);
        price *= 1 + (buy ? 1 : -1) * 0.0004 * random.nextDouble() + (rally ? 0.00005 : 0);
        fake.tradeAt(
            "BTCUSDT",
            BigDecimal.valueOf(price).setScale(1, RoundingMode.HALF_EVEN),
            BigDecimal.valueOf(0.1 + random.nextDouble() * (rally ? 3 : 1))
                .setScale(3, RoundingMode.HALF_EVEN),
            !buy,
            t + i * 1_000L);
      }
      assertThat(await(() -> s.ticksProcessed() >= trades, 60_000))
          .as("ticks processed: %d", s.ticksProcessed())
          .isTrue();
      assertThat(s.latestEvaluations()).isNotEmpty();
      assertThat(s.latestEvaluations()).anyMatch(e -> e.score() > 0);
      // the flow starts before the fake's first print: its kernel trades the flow symbols from
      // the venue's mark prices (it traded none of them, so it only scored, before)
      assertThat(
              await(
                  () -> s.positions().size() + s.journal().closedTrades(null, null).size() > 0,
                  10_000))
          .as("positions opened on the live ticks")
          .isTrue();
      var feed = src.feed();
      assertThat(feed.trades().delivered()).isGreaterThanOrEqualTo(trades);
      assertThat(feed.trades().duplicates()).isZero();
      assertThat(feed.rejections()).isEmpty();
      assertThat(feed.emitted()).isGreaterThan(feed.trades().delivered()); // marks, depth, polls
    }
  }

  @Test
  void liveTicks_needAVenueWithStreams_andTheSettingsAreValidated() {
    Assertions.assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_FLOW_TICK_SOURCE", "live")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flow.tick_source");
    Assertions.assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_FLOW_TICK_SOURCE", "tape")))
        .hasMessageContaining("flow.tick_source");
    Assertions.assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(
                        "PERPETUA_VENUE_TYPE",
                        "fake-binance",
                        "PERPETUA_FLOW_SILENT_AFTER_SECONDS",
                        "0")))
        .hasMessageContaining("flow.silent_after_seconds");
    Assertions.assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_FLOW_SPOT_WS_URL", "http://x")))
        .hasMessageContaining("flow.spot_ws_url");
    assertThat(ConfigLoader.flowLiveTicks(ConfigLoader.load(null, Map.of()))).isFalse();
    assertThat(
            ConfigLoader.flowLiveTicks(
                ConfigLoader.load(null, Map.of("PERPETUA_VENUE_TYPE", "fake-binance"))))
        .as("auto: the fake's market is the kernel's hourly replay; the tick file is the flow's")
        .isFalse();
  }
}
