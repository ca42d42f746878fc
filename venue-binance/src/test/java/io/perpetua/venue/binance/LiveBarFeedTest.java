package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.perpetua.core.testing.LogCapture;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.ManualClock;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveBarFeed} against the in-process fake venue: the backfill equals the venue's REST
 * history (also when paged), live bars arrive once each, in order, with the venue's closes and
 * quote volumes, a symbol without prints is NaN once the grace period has passed, dropped and
 * stalled streams are repaired from REST without gaps or duplicates, and hostile events are
 * rejected with a logged reason.
 */
class LiveBarFeedTest {
  private static final long H = 3_600_000L;
  private static final Duration NEVER = Duration.ofDays(1);

  private FakeBinanceServer server;
  private LiveBarFeed feed;
  private final List<Bar> bars = new CopyOnWriteArrayList<>();
  private ManualClock clock;
  private long t0;

  private record Bar(long open, double[] close, double[] quoteVolume) {}

  @AfterEach
  void stop() {
    if (feed != null) {
      feed.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A fake listing {@code symbols} with {@code history} seeded hourly bars; clock at t0 + 5 s. */
  private void venue(List<String> symbols, int history, long seed) {
    server =
        FakeBinanceServer.startLocal(
            symbols.stream().map(s -> FakeListing.standard(s, null)).toList());
    t0 = server.exchange().seedHistory("1h", history, seed);
    clock = new ManualClock(t0 + 5_000);
  }

  private LiveBarFeed feed(List<String> symbols, int history, Duration grace) {
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    LiveBarFeed.Settings settings =
        LiveBarFeed.Settings.defaults()
            .withClock(clock)
            .withGrace(grace)
            .withPollPeriod(Duration.ofMillis(20));
    feed =
        new LiveBarFeed(
            rest,
            symbols,
            "1h",
            history,
            settings,
            (open, close, qv) -> bars.add(new Bar(open, close, qv)));
    return feed;
  }

  private void awaitConnects(long n) throws InterruptedException {
    assertThat(await(() -> feed.stats().connects() >= n, 10_000)).as("connects").isTrue();
    assertThat(await(() -> server.marketConnections() == 1, 10_000)).as("server side").isTrue();
  }

  /** Moves market time (and the clock) to hour {@code h} + 5 s. */
  private void hour(int h) {
    clock.set(t0 + h * H + 5_000);
  }

  /** One print of {@code symbol} in hour {@code h}, {@code k} seconds after its start + 5 s. */
  private void print(String symbol, int h, int k, String price, String qty) {
    server
        .exchange()
        .tradeAt(
            symbol,
            new BigDecimal(price),
            new BigDecimal(qty),
            k % 2 == 0,
            t0 + h * H + 5_000 + k * 1_000L);
  }

  /** The venue's REST row of {@code symbol}'s bar at {@code open}, or null. */
  private JsonNode restBar(String symbol, long open) {
    ArrayNode rows = server.exchange().klines(symbol, "1h", open, open, 1);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private void assertBarsEqualTheVenue(List<String> symbols) {
    for (Bar b : bars) {
      for (int s = 0; s < symbols.size(); s++) {
        JsonNode row = restBar(symbols.get(s), b.open());
        String what = symbols.get(s) + " @ " + b.open();
        if (row == null) {
          assertThat(b.close()[s]).as(what).isNaN();
          assertThat(b.quoteVolume()[s]).as(what).isNaN();
        } else {
          assertThat(b.close()[s]).as(what).isEqualTo(Double.parseDouble(row.get(4).asText()));
          assertThat(b.quoteVolume()[s])
              .as(what)
              .isEqualTo(Double.parseDouble(row.get(7).asText()));
        }
      }
    }
  }

  private List<Long> opens() {
    return bars.stream().map(Bar::open).toList();
  }

  private List<Long> hours(int from, int toInclusive) {
    List<Long> out = new ArrayList<>();
    for (int h = from; h <= toInclusive; h++) {
      out.add(t0 + h * H);
    }
    return out;
  }

  @Test
  void backfill_equalsTheVenuesRestHistory_alsoWhenPaged() {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    venue(symbols, 2_000, 3);
    LiveBarFeed.Panel panel = feed(symbols, 1_600, NEVER).start();
    assertThat(panel.symbols()).isEqualTo(symbols);
    assertThat(panel.bars()).isEqualTo(1_600);
    assertThat(panel.openTimes()[0]).isEqualTo(t0 - 1_600 * H);
    assertThat(panel.openTimes()[1_599]).isEqualTo(t0 - H);
    // 1,600 bars need two pages (1,500 + 100) per symbol
    assertThat(feed.stats().restRequests()).isEqualTo(6);
    assertThat(server.requestCount("GET /fapi/v1/klines")).isEqualTo(6);
    for (int s = 0; s < symbols.size(); s++) {
      ArrayNode first = server.exchange().klines(symbols.get(s), "1h", t0 - 1_600 * H, null, 1500);
      ArrayNode second = server.exchange().klines(symbols.get(s), "1h", t0 - 100 * H, t0 - H, 1500);
      List<JsonNode> rows = new ArrayList<>();
      first.forEach(rows::add);
      second.forEach(rows::add);
      assertThat(rows).hasSize(1_600);
      for (int t = 0; t < 1_600; t++) {
        JsonNode row = rows.get(t);
        assertThat(row.get(0).asLong()).isEqualTo(panel.openTimes()[t]);
        assertThat(panel.close(t, s)).isEqualTo(Double.parseDouble(row.get(4).asText()));
        assertThat(panel.quoteVolume(t, s)).isEqualTo(Double.parseDouble(row.get(7).asText()));
      }
    }
  }

  @Test
  void liveBars_arriveOnceEach_inOrder_withTheVenuesClosesAndQuoteVolumes() throws Exception {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    venue(symbols, 48, 5);
    LiveBarFeed.Panel panel = feed(symbols, 24, NEVER).start();
    assertThat(panel.openTimes()[23]).isEqualTo(t0 - H);
    awaitConnects(1);
    long requestsAfterStart = server.requestCount("GET /fapi/v1/klines");
    Map<String, BigDecimal> quote = new HashMap<>();
    Map<String, String> last = new HashMap<>();
    SplittableRandom random = new SplittableRandom(17);
    for (int h = 0; h < 6; h++) {
      hour(h);
      for (String s : symbols) {
        for (int k = 0; k < 3; k++) {
          BigDecimal p =
              server
                  .exchange()
                  .lastPrice(s)
                  .multiply(BigDecimal.valueOf(1 + (random.nextInt(21) - 10) / 10_000.0))
                  .setScale(2, RoundingMode.HALF_EVEN);
          BigDecimal q = BigDecimal.valueOf(1 + random.nextInt(50)).movePointLeft(2);
          print(s, h, k, p.toPlainString(), q.toPlainString());
          if (h == 2) {
            quote.merge(s, p.multiply(q), BigDecimal::add);
            last.put(s, p.toPlainString());
          }
        }
      }
    }
    // hour 5's first prints closed hour 4: bars 0..4 are complete
    assertThat(await(() -> bars.size() == 5, 10_000)).as("5 bars").isTrue();
    Thread.sleep(200);
    assertThat(opens()).containsExactlyElementsOf(hours(0, 4));
    assertBarsEqualTheVenue(symbols);
    Bar bar2 = bars.get(2);
    for (int s = 0; s < symbols.size(); s++) {
      assertThat(bar2.close()[s]).isEqualTo(Double.parseDouble(last.get(symbols.get(s))));
      assertThat(bar2.quoteVolume()[s])
          .isCloseTo(quote.get(symbols.get(s)).doubleValue(), Offset.offset(1e-9));
    }
    LiveBarFeed.Stats stats = feed.stats();
    assertThat(stats.accepted()).isEqualTo(15);
    assertThat(stats.rejected()).isZero();
    assertThat(stats.emitted()).isEqualTo(5);
    assertThat(feed.nextOpenTimeMs()).isEqualTo(t0 + 5 * H);
    // everything came from the stream: no REST request after the backfill
    assertThat(server.requestCount("GET /fapi/v1/klines")).isEqualTo(requestsAfterStart);
  }

  @Test
  void aSymbolWithoutPrints_isNaN_onceTheGracePeriodHasPassed() throws Exception {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    venue(symbols, 48, 9);
    feed(symbols, 24, Duration.ofSeconds(10)).start();
    awaitConnects(1);
    hour(0);
    print("BTCUSDT", 0, 0, "50000.0", "0.010");
    print("ETHUSDT", 0, 1, "3000.00", "0.100");
    print("SOLUSDT", 0, 2, "150.000", "1");
    hour(1);
    print("BTCUSDT", 1, 0, "50100.0", "0.020");
    print("ETHUSDT", 1, 1, "3010.00", "0.200");
    hour(2);
    print("BTCUSDT", 2, 0, "50200.0", "0.030");
    print("ETHUSDT", 2, 1, "3020.00", "0.300");
    print("SOLUSDT", 2, 2, "151.000", "2");
    // closed klines: BTC and ETH of hours 0 and 1, SOL of hour 0 (it did not trade in hour 1)
    assertThat(await(() -> feed.stats().accepted() + feed.stats().rejected() >= 5, 10_000))
        .isTrue();
    assertThat(await(() -> bars.size() == 1, 10_000)).isTrue();
    clock.set(t0 + 2 * H - 1 + 9_999);
    Thread.sleep(200);
    assertThat(bars).as("hour 1 waits for SOL during the grace period").hasSize(1);
    clock.set(t0 + 2 * H - 1 + 10_000);
    assertThat(await(() -> bars.size() == 2, 10_000)).as("hour 1 after the grace").isTrue();
    Bar hour1 = bars.get(1);
    assertThat(hour1.open()).isEqualTo(t0 + H);
    assertThat(hour1.close()[0]).isEqualTo(50100.0);
    assertThat(hour1.close()[1]).isEqualTo(3010.0);
    assertThat(hour1.close()[2]).isNaN();
    assertThat(hour1.quoteVolume()[0]).isEqualTo(1002.0);
    assertThat(hour1.quoteVolume()[1]).isEqualTo(602.0);
    assertThat(hour1.quoteVolume()[2]).isNaN();
    assertThat(bars.get(0).close()).containsExactly(50000.0, 3000.0, 150.0);
    assertBarsEqualTheVenue(symbols);
    Thread.sleep(100);
    assertThat(opens()).containsExactlyElementsOf(hours(0, 1));
  }

  @RepeatedTest(5)
  void droppedAndStalledStreams_areRepairedFromRest_withoutGapsOrDuplicates(RepetitionInfo rep)
      throws Exception {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");
    venue(symbols, 48, 100 + rep.getCurrentRepetition());
    SplittableRandom random = new SplittableRandom(1_000 + rep.getCurrentRepetition());
    feed(symbols, 24, NEVER).start();
    awaitConnects(1);
    int hours = 12;
    int dropAt = 2 + random.nextInt(3); // a drop while bars close, trading on at once
    int stallAt = 6 + random.nextInt(3); // a silent stall: a closed kline is lost, the next skips
    for (int h = 0; h < hours; h++) {
      if (h == dropAt) {
        server.dropConnections();
      }
      if (h == stallAt) {
        server.pauseMarketStream(true);
      }
      hour(h);
      for (String s : symbols) {
        int prints = 1 + random.nextInt(3);
        for (int k = 0; k < prints; k++) {
          BigDecimal p =
              server
                  .exchange()
                  .lastPrice(s)
                  .multiply(BigDecimal.valueOf(1 + (random.nextInt(41) - 20) / 10_000.0))
                  .setScale(4, RoundingMode.HALF_EVEN);
          print(s, h, k, p.toPlainString(), Integer.toString(1 + random.nextInt(9)));
        }
      }
      if (h == dropAt + 1) {
        awaitConnects(2);
      }
      if (h == stallAt) {
        server.pauseMarketStream(false);
      }
    }
    // hour 11's closed klines are lost in a stall, then the connection drops: only the repair
    // after the reconnect can bring hour 11 (no later kline arrives; hour 12 is still open)
    server.pauseMarketStream(true);
    hour(hours);
    for (String s : symbols) {
      print(s, hours, 0, server.exchange().lastPrice(s).toPlainString(), "1");
    }
    server.dropConnections();
    awaitConnects(3);
    server.pauseMarketStream(false);
    assertThat(await(() -> bars.size() == hours, 15_000))
        .as("bars %s, stats %s", opens(), feed.stats())
        .isTrue();
    Thread.sleep(200);
    assertThat(opens()).containsExactlyElementsOf(hours(0, hours - 1));
    assertBarsEqualTheVenue(symbols);
    for (Bar b : bars) {
      for (double c : b.close()) {
        assertThat(c).as("every symbol traded every hour").isNotNaN();
      }
    }
    assertThat(feed.stats().repairs()).as("gap and reconnect repairs").isGreaterThanOrEqualTo(2);
  }

  private static String kline(
      String symbol,
      String interval,
      long open,
      long close,
      String o,
      String h,
      String l,
      String c) {
    return "{\"e\":\"kline\",\"E\":"
        + (close + 1)
        + ",\"s\":\""
        + symbol
        + "\",\"k\":{\"t\":"
        + open
        + ",\"T\":"
        + close
        + ",\"s\":\""
        + symbol
        + "\",\"i\":\""
        + interval
        + "\",\"f\":1,\"L\":2,\"o\":\""
        + o
        + "\",\"c\":\""
        + c
        + "\",\"h\":\""
        + h
        + "\",\"l\":\""
        + l
        + "\",\"v\":\"1\",\"n\":2,\"x\":true,\"q\":\""
        + c
        + "\",\"V\":\"0\",\"Q\":\"0\",\"B\":\"0\"}}";
  }

  private String closedBar(String symbol, long open, String price) {
    return kline(symbol, "1h", open, open + H - 1, price, price, price, price);
  }

  @Test
  void hostileEvents_areRejectedWithAReason_andChangeNoBar() throws Exception {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT");
    venue(symbols, 48, 21);
    feed(symbols, 10, NEVER).start();
    awaitConnects(1);
    try (LogCapture logs = new LogCapture()) {
      hour(0);
      print("BTCUSDT", 0, 0, "50000.0", "0.010");
      print("ETHUSDT", 0, 1, "3000.00", "0.100");
      hour(2);
      print("ETHUSDT", 2, 0, "3020.00", "0.100");
      hour(3);
      print("ETHUSDT", 3, 0, "3030.00", "0.100");
      // ETH closed hours 0 and 2 (hour 1 is known absent from REST); BTC's hour 0 is still open
      assertThat(await(() -> feed.stats().accepted() == 2, 10_000)).isTrue();
      String btc = "btcusdt@kline_1h";
      server.injectMarketMessage(btc, "{\"e\":\"kline\",\"k\":");
      server.injectMarketMessage(btc, closedBar("BTCUSDT", t0, "-1"));
      List<String> hostile =
          List.of(
              closedBar("XRPUSDT", t0, "0.5"),
              kline("BTCUSDT", "1m", t0, t0 + 59_999, "1", "1", "1", "1"),
              closedBar("BTCUSDT", t0, "0"),
              kline("BTCUSDT", "1h", t0, t0 + H - 1, "100", "90", "110", "100"),
              kline("BTCUSDT", "1h", t0 + 1_000, t0 + H + 999, "1", "1", "1", "1"),
              closedBar("BTCUSDT", t0 + 100 * H, "1"),
              closedBar("ETHUSDT", t0, "1.0"),
              closedBar("BTCUSDT", t0 - 5 * H, "1"),
              closedBar("ETHUSDT", t0 + H, "1"));
      for (String raw : hostile) {
        server.injectMarketMessage(btc, raw);
      }
      assertThat(await(() -> feed.stats().rejected() == hostile.size(), 10_000))
          .as("stats %s", feed.stats())
          .isTrue();
      assertThat(bars).isEmpty();
      hour(4);
      print("BTCUSDT", 4, 0, "50400.0", "0.010");
      print("ETHUSDT", 4, 1, "3040.00", "0.100");
      hour(5);
      print("BTCUSDT", 5, 0, "50500.0", "0.010");
      print("ETHUSDT", 5, 1, "3050.00", "0.100");
      assertThat(await(() -> bars.size() == 5, 10_000)).as("bars %s", opens()).isTrue();
      Thread.sleep(200);
      assertThat(opens()).containsExactlyElementsOf(hours(0, 4));
      assertBarsEqualTheVenue(symbols);
      assertThat(bars.get(0).close()).containsExactly(50000.0, 3000.0);
      assertThat(bars.get(1).close()[0]).isNaN();
      assertThat(bars.get(1).close()[1]).isNaN();
      assertThat(bars.get(2).close()[0]).isNaN();
      assertThat(bars.get(2).close()[1]).isEqualTo(3020.0);
      assertThat(bars.get(4).close()).containsExactly(50400.0, 3040.0);
      assertThat(feed.stats().rejected()).isEqualTo(hostile.size());
      String text = logs.text();
      assertThat(text)
          .contains("dropping malformed market message")
          .contains("unknown symbol XRPUSDT")
          .contains("interval 1m, expected 1h")
          .contains("non-positive price")
          .contains("high/low do not contain open and close")
          .contains("not aligned to the interval")
          .contains("closes in the future")
          .contains("duplicate of a bar already received")
          .contains("was already emitted")
          .contains("out of order");
      assertThat(text).containsPattern("negative");
    }
  }
}
