package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.LogCapture;
import io.perpetua.core.time.ManualClock;
import io.perpetua.trading.port.VenueMeter;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code venue.type: binance}: the platform trades the venue's own market. A local fake of Binance
 * stands in for the exchange (its URLs in {@code binance.rest_url}/{@code ws_url}, its keys in the
 * environment): the platform backfills the fake's kline history, then the test moves the fake's
 * market time bar by bar (prints stamped with the next hour, the feed's clock following), and the
 * kernel steps each bar as it closes at the venue, rebalances at 23:59 with real signed orders, and
 * the API shows the venue's positions. Nothing is traded on the history.
 */
class BinanceLivePlatformTest {
  private static final String TOKEN = "binance-live-test-token-0123456789";
  private static final long HOUR = 3_600_000L;
  private static final List<String> SYMBOLS =
      List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "AAAUSDT", "BBBUSDT");

  @TempDir Path dataDir;
  @TempDir Path configDir;
  @TempDir Path noSharedData; // the catalog stays empty: live mode takes its bars from the venue
  private FakeBinanceServer fake;
  private ManualClock marketClock;
  private long currentBar;
  private final SplittableRandom rnd = new SplittableRandom(5);

  @BeforeEach
  void startVenue() {
    fake =
        FakeBinanceServer.start(
            SYMBOLS.stream().map(s -> FakeListing.standard(s, null)).toList(),
            "127.0.0.1",
            0,
            new BigDecimal("10000"));
    currentBar = fake.exchange().seedHistory("1h", 200, 11);
    for (String s : SYMBOLS) { // the bar in progress has prints, as on a live venue
      fake.exchange()
          .tradeAt(s, fake.exchange().lastPrice(s), BigDecimal.ONE, false, currentBar + 30_000);
    }
    marketClock = new ManualClock(currentBar + 60_000);
  }

  @AfterEach
  void stopVenue() {
    fake.close();
  }

  private PerpetuaConfig config() throws Exception {
    Path file = configDir.resolve("live.yaml");
    Files.writeString(
        file,
        """
        venue:
          type: binance
          reconcile_every_bars: 2
          settle_wait_ms: 3000
        binance:
          environment: testnet
          rest_url: %s
          ws_url: %s
          symbols: [%s]
          history_bars: 120
          grace_seconds: 5
        risk:
          max_position_pct: 0.5
        strategies:
          baseline_rev:
            parameters:
              long_n: 2
              short_n: 2
        flow:
          enabled: false
        """
            .formatted(fake.restBaseUrl(), fake.wsBaseUrl(), String.join(", ", SYMBOLS)));
    return ConfigLoader.load(file, Map.of("PERPETUA_PORT", "0"));
  }

  private static Map<String, String> env() {
    return Map.of(
        "PERPETUA_API_TOKEN", TOKEN,
        "PERPETUA_BINANCE_API_KEY", FakeBinanceServer.API_KEY,
        "PERPETUA_BINANCE_API_SECRET", FakeBinanceServer.API_SECRET);
  }

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private Platform start() throws Exception {
    return Platform.start(
        config(),
        dataDir,
        noSharedData,
        env(),
        new PrintStream(console, true, StandardCharsets.UTF_8),
        3_600,
        marketClock);
  }

  /** Closes the current bar at the venue: every symbol prints in the next hour. */
  private void nextBar() {
    currentBar += HOUR;
    long t = currentBar + 2_000;
    marketClock.set(t); // the clock is past the close when the venue reports it
    for (String s : SYMBOLS) {
      BigDecimal last = fake.exchange().lastPrice(s);
      BigDecimal tick = FakeListing.standard(s, null).tickSize();
      double moved = last.doubleValue() * Math.exp(rnd.nextGaussian() * 0.02);
      BigDecimal px =
          BigDecimal.valueOf(moved).divide(tick, 0, RoundingMode.HALF_EVEN).max(BigDecimal.ONE);
      fake.exchange().tradeAt(s, px.multiply(tick), BigDecimal.ONE, rnd.nextBoolean(), t);
    }
  }

  private static BinanceLive binance(Platform p) throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (!(p.liveVenue() instanceof BinanceLive) && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    assertThat(p.liveVenue()).isInstanceOf(BinanceLive.class);
    return (BinanceLive) p.liveVenue();
  }

  /** Advances bar by bar until just after the next 23:59 UTC; waits for the kernel each bar. */
  private void throughNextRebalance(Platform p, TestApi api) throws Exception {
    BinanceLive live = binance(p);
    long day = Math.floorDiv(currentBar, 86_400_000L) * 86_400_000L;
    long rebalanceBarClose = day + 86_400_000L; // the 23:00 bar closes at 00:00; the timer fires
    while (currentBar <= rebalanceBarClose) {
      int before = live.panel.size();
      nextBar();
      long end = System.currentTimeMillis() + 20_000;
      while (live.panel.size() == before && System.currentTimeMillis() < end) {
        Thread.sleep(5);
      }
      assertThat(live.panel.size()).as("bar appended").isEqualTo(before + 1);
    }
    api.await(
        "/api/v1/orders/history?page_size=500",
        d -> d.at("/pagination/total_items").asInt() > 0 && openOrders(d) == 0,
        30_000);
  }

  private static long openOrders(JsonNode history) {
    long open = 0;
    for (JsonNode o : history.get("items")) {
      String s = o.get("status").asText();
      if (s.equals("open") || s.equals("pending") || s.equals("partially_filled")) {
        open++;
      }
    }
    return open;
  }

  @Test
  void tradesTheVenuesOwnBars_notTheHistory_andTheApiShowsTheVenuesPositions() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      tradesThenRestarts();
      // the venue credentials never reach a log line, the console or an API answer
      String seen = logs.text() + console.toString(StandardCharsets.UTF_8) + answers;
      assertThat(logs.size()).isPositive();
      assertThat(seen).contains("binance").doesNotContain(FakeBinanceServer.API_SECRET);
      assertThat(seen).doesNotContain(FakeBinanceServer.API_KEY);
    }
  }

  private final StringBuilder answers = new StringBuilder();

  private void tradesThenRestarts() throws Exception {
    try (Platform p = start()) {
      TestApi api = new TestApi(p.port(), TOKEN);
      BinanceLive live = binance(p);
      assertThat(live.panel.size()).isEqualTo(120);
      assertThat(live.panel.closeTime(119)).isEqualTo(currentBar);
      // history is never traded: the kernel has caught up (waits for a bar), and sent nothing
      api.await(
          "/api/v1/health/pipeline", d -> d.toString().contains("\"awaiting_bar\":true"), 30_000);
      assertThat(fake.exchange().orderCount()).isZero();

      throughNextRebalance(p, api);
      JsonNode orders = api.data("/api/v1/orders/history?page_size=500");
      int sent = orders.at("/pagination/total_items").asInt();
      assertThat(sent).isEqualTo(fake.exchange().orderCount());
      assertThat(orders.get("items").findValuesAsText("dry_run")).containsOnly("false");
      assertThat(orders.get("items").findValuesAsText("status")).contains("filled");

      // the journal's positions are the venue's, and /api/v1/venues says so
      Map<String, Double> venue = new TreeMap<>();
      JsonNode venues =
          api.await(
              "/api/v1/venues",
              d -> d.at("/venues/0/last_reconciliation/compared").asBoolean(),
              30_000);
      assertThat(venues.at("/venues/0/venue_id").asText()).isEqualTo("binance");
      venues
          .at("/venues/0/positions")
          .forEach(x -> venue.put(x.get("symbol").asText(), x.get("quantity").asDouble()));
      Map<String, Double> journal = new TreeMap<>();
      api.data("/api/v1/account/positions")
          .get("positions")
          .forEach(
              x ->
                  journal.put(
                      x.get("symbol").asText(),
                      (x.get("side").asText().equals("short") ? -1 : 1)
                          * x.get("contracts").asDouble()));
      assertThat(venue).hasSize(4).isEqualTo(journal);
      assertThat(venues.at("/venues/0/last_reconciliation/consistent").asBoolean()).isTrue();
      JsonNode risk = api.data("/api/v1/risk/status");
      assertThat(risk.get("dry_run").asBoolean()).isFalse();
      answers.append(venues).append(risk).append(api.get("/api/v1/risk/config"));
      answers.append(api.get("/api/v1/health")).append(orders);
      JsonNode pipeline = api.data("/api/v1/health/pipeline");
      assertThat(pipeline.toString()).contains("awaiting_bar");
    }

    // a restart goes on from the venue's current bar: nothing doubled, nothing re-traded
    int ordersBefore = fake.exchange().orderCount();
    try (Platform p = start()) {
      TestApi api = new TestApi(p.port(), TOKEN);
      BinanceLive live = binance(p);
      assertThat(live.panel.closeTime(live.panel.size() - 1)).isEqualTo(currentBar);
      nextBar();
      long end = System.currentTimeMillis() + 20_000;
      while (live.panel.size() == 120 && System.currentTimeMillis() < end) {
        Thread.sleep(5);
      }
      JsonNode venues =
          api.await(
              "/api/v1/venues",
              d -> d.at("/venues/0/last_reconciliation/compared").asBoolean(),
              30_000);
      assertThat(venues.at("/venues/0/last_reconciliation/consistent").asBoolean()).isTrue();
      assertThat(fake.exchange().orderCount()).isEqualTo(ordersBefore);
    }
  }

  @Test
  void withoutCredentials_theKernelDoesNotStart_andSaysWhatIsMissing() throws Exception {
    PerpetuaConfig c = config();
    assertThatThrownBy(
            () ->
                BinanceLive.connect(
                    c, Map.of(), Timeframe.parse("1h"), SYMBOLS, marketClock, VenueMeter.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PERPETUA_BINANCE_API_KEY")
        .hasMessageContaining("PERPETUA_BINANCE_SECRET_FILE");
    assertThat(fake.exchange().orderCount()).isZero();
  }

  @Test
  void production_needsAnExplicitConfirmation() {
    Map<String, String> env =
        Map.of("PERPETUA_VENUE_TYPE", "binance", "PERPETUA_BINANCE_ENVIRONMENT", "production");
    assertThatThrownBy(() -> ConfigLoader.load(null, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("binance.confirm_production");
    Map<String, String> confirmed = new java.util.HashMap<>(env);
    confirmed.put("PERPETUA_BINANCE_CONFIRM_PRODUCTION", "true");
    assertThat(ConfigLoader.load(null, confirmed).binance().confirmProduction()).isTrue();
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_BINANCE_ENVIRONMENT", "mainnet")))
        .hasMessageContaining("binance.environment");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_BINANCE_REST_URL", "http://x")))
        .hasMessageContaining("binance.rest_url");
  }
}
