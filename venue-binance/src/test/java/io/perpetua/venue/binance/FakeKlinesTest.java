package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.core.testing.SharedData;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeExchange;
import io.perpetua.venue.binance.fake.FakeFaults;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fake venue's klines: aggregation of prints (OHLC, volume, quote volume Σ price × qty, trade
 * ids), the REST rows against the fixture's positional types and through {@link
 * BinanceRestClient#klines}, the {@code kline} stream events against both stream fixtures,
 * Binance's error codes, and the seeded history.
 */
class FakeKlinesTest {
  private static final long H = 3_600_000L;
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z

  private static FakeExchange exchange(List<String> marketLog, List<ObjectNode> events) {
    FakeExchange x =
        new FakeExchange(
            List.of(
                FakeListing.standard("BTCUSDT", new BigDecimal("50000.0")),
                FakeListing.standard("ETHUSDT", new BigDecimal("3000.00"))),
            new BigDecimal("10000"),
            new FakeFaults(),
            System::currentTimeMillis);
    x.setSink(
        new FakeExchange.Sink() {
          @Override
          public void userEvent(ObjectNode event) {}

          @Override
          public void marketEvent(String stream, ObjectNode event) {
            marketLog.add(stream);
            events.add(event);
          }
        });
    return x;
  }

  private static List<JsonNode> klineEvents(
      List<String> streams, List<ObjectNode> events, String stream) {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      if (streams.get(i).equals(stream)) {
        out.add(events.get(i));
      }
    }
    return out;
  }

  private static BigDecimal bd(String v) {
    return new BigDecimal(v);
  }

  @Test
  void prints_areAggregatedIntoBars_andABarClosesAtTheFirstPrintOfALaterBar() {
    List<String> streams = new ArrayList<>();
    List<ObjectNode> events = new ArrayList<>();
    FakeExchange x = exchange(streams, events);
    x.tradeAt("BTCUSDT", bd("50000.0"), bd("0.010"), false, T0 + 1_000);
    x.tradeAt("BTCUSDT", bd("50010.0"), bd("0.020"), true, T0 + 2_000);
    x.tradeAt("BTCUSDT", bd("49990.0"), bd("0.005"), false, T0 + 1_800_000);
    List<JsonNode> hourly = klineEvents(streams, events, "btcusdt@kline_1h");
    assertThat(hourly).hasSize(3);
    assertThat(hourly).allSatisfy(e -> assertThat(e.path("k").path("x").asBoolean()).isFalse());
    assertThat(x.klines("BTCUSDT", "1h", null, null, 500)).hasSize(1);

    x.tradeAt("BTCUSDT", bd("50020.0"), bd("0.001"), false, T0 + H + 5_000);
    hourly = klineEvents(streams, events, "btcusdt@kline_1h");
    assertThat(hourly).hasSize(5);
    JsonNode closed = hourly.get(3).path("k");
    assertThat(closed.path("x").asBoolean()).isTrue();
    assertThat(closed.path("t").asLong()).isEqualTo(T0);
    assertThat(closed.path("T").asLong()).isEqualTo(T0 + H - 1);
    assertThat(bd(closed.path("o").asText())).isEqualByComparingTo("50000");
    assertThat(bd(closed.path("h").asText())).isEqualByComparingTo("50010");
    assertThat(bd(closed.path("l").asText())).isEqualByComparingTo("49990");
    assertThat(bd(closed.path("c").asText())).isEqualByComparingTo("49990");
    assertThat(bd(closed.path("v").asText())).isEqualByComparingTo("0.035");
    // Σ price × qty = 500 + 1000.2 + 249.95
    assertThat(bd(closed.path("q").asText())).isEqualByComparingTo("1750.15");
    // taker buys (buyer not maker): 0.010 @ 50000 and 0.005 @ 49990
    assertThat(bd(closed.path("V").asText())).isEqualByComparingTo("0.015");
    assertThat(bd(closed.path("Q").asText())).isEqualByComparingTo("749.95");
    // three aggregate trades with trade ids 3..11 (each fake print spans three trade ids)
    assertThat(closed.path("f").asLong()).isEqualTo(3);
    assertThat(closed.path("L").asLong()).isEqualTo(11);
    assertThat(closed.path("n").asLong()).isEqualTo(9);
    assertThat(hourly.get(3).path("E").asLong()).isEqualTo(T0 + H + 5_000);
    JsonNode next = hourly.get(4).path("k");
    assertThat(next.path("x").asBoolean()).isFalse();
    assertThat(next.path("t").asLong()).isEqualTo(T0 + H);
    assertThat(bd(next.path("q").asText())).isEqualByComparingTo("50.02");

    ArrayNode rows = x.klines("BTCUSDT", "1h", null, null, 500);
    assertThat(rows).hasSize(2);
    Kline bar = Kline.fromJson(rows.get(0));
    assertThat(bar)
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(
            new Kline(
                T0,
                bd("50000.0"),
                bd("50010.0"),
                bd("49990.0"),
                bd("49990.0"),
                bd("0.035"),
                T0 + H - 1,
                bd("1750.15"),
                9));
    // the 1m series saw the same prints in three different minutes
    assertThat(opens(x.klines("BTCUSDT", "1m", null, null, 500)))
        .containsExactly(T0, T0 + 1_800_000, T0 + H);
    // ETH never traded: no bars at all
    assertThat(x.klines("ETHUSDT", "1h", null, null, 500)).isEmpty();
  }

  @Test
  void klineTime_neverMovesBackwards() {
    FakeExchange x = exchange(new ArrayList<>(), new ArrayList<>());
    x.tradeAt("BTCUSDT", bd("50000.0"), bd("0.010"), false, T0 + H + 1);
    x.tradeAt("BTCUSDT", bd("50100.0"), bd("0.010"), false, T0 + 10);
    ArrayNode rows = x.klines("BTCUSDT", "1h", null, null, 500);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0).asLong()).isEqualTo(T0 + H);
    assertThat(x.marketTimeMs()).isEqualTo(T0 + H + 1);
  }

  @Test
  void restRows_followBinanceRangeRules_andTheFixtureTypes() throws IOException {
    FakeExchange x = exchange(new ArrayList<>(), new ArrayList<>());
    for (int h = 0; h < 6; h++) {
      x.tradeAt(
          "BTCUSDT",
          bd("50000.0").add(BigDecimal.valueOf(h)),
          bd("0.01"),
          h % 2 == 0,
          T0 + h * H + 1);
    }
    assertThat(opens(x.klines("BTCUSDT", "1h", T0 + H, T0 + 3 * H, 500)))
        .containsExactly(T0 + H, T0 + 2 * H, T0 + 3 * H);
    assertThat(opens(x.klines("BTCUSDT", "1h", T0 + H, null, 2)))
        .containsExactly(T0 + H, T0 + 2 * H);
    assertThat(opens(x.klines("BTCUSDT", "1h", null, T0 + 3 * H, 2)))
        .containsExactly(T0 + 2 * H, T0 + 3 * H);
    assertThat(opens(x.klines("BTCUSDT", "1h", null, null, 2)))
        .containsExactly(T0 + 4 * H, T0 + 5 * H);
    JsonNode fixtureRow =
        Json.parse(
                Files.readString(
                    SharedData.require("binance-api-fixtures/rest/futures_market_klines.json")))
            .get(0);
    List<String> diffs = new ArrayList<>();
    for (JsonNode row : x.klines("BTCUSDT", "1h", null, null, 500)) {
      comparePositional(row, fixtureRow, diffs);
    }
    assertThat(diffs).isEmpty();
  }

  /** Kline rows are tuples: element i must have the JSON type of the fixture's element i. */
  static void comparePositional(JsonNode row, JsonNode fixtureRow, List<String> diffs) {
    if (!row.isArray() || row.size() != fixtureRow.size()) {
      diffs.add("row " + row + " does not have the fixture's " + fixtureRow.size() + " elements");
      return;
    }
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i).getNodeType() != fixtureRow.get(i).getNodeType()) {
        diffs.add(
            "element "
                + i
                + ": "
                + row.get(i).getNodeType()
                + " where the fixture has "
                + fixtureRow.get(i).getNodeType());
      }
    }
  }

  private static List<Long> opens(ArrayNode rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get(0).asLong()));
    return out;
  }

  @Test
  void streamEvents_haveExactlyTheFixtureKeysAndTypes() throws IOException {
    List<String> streams = new ArrayList<>();
    List<ObjectNode> events = new ArrayList<>();
    FakeExchange x = exchange(streams, events);
    x.tradeAt("BTCUSDT", bd("50000.0"), bd("0.010"), false, T0 + 1_000);
    x.tradeAt("BTCUSDT", bd("50001.0"), bd("0.010"), true, T0 + 61_000);
    List<JsonNode> minute = klineEvents(streams, events, "btcusdt@kline_1m");
    assertThat(minute).hasSize(3);
    JsonNode open = minute.get(0);
    JsonNode closed = minute.get(1);
    assertThat(open.path("k").path("x").asBoolean()).isFalse();
    assertThat(closed.path("k").path("x").asBoolean()).isTrue();
    List<String> diffs = new ArrayList<>();
    AllFixturesTest.compare("kline open", open, fixture("kline_stream_open"), diffs);
    AllFixturesTest.compare("kline closed", closed, fixture("kline_stream_closed"), diffs);
    AllFixturesTest.compare("kline next", minute.get(2), fixture("kline_stream_open"), diffs);
    assertThat(diffs).isEmpty();
    MarketEvent.Kline parsed =
        (MarketEvent.Kline) MarketEvent.parse(closed.toString()).orElseThrow();
    assertThat(parsed.symbol()).isEqualTo("BTCUSDT");
    assertThat(parsed.interval()).isEqualTo("1m");
    assertThat(parsed.openTimeMs()).isEqualTo(T0);
    assertThat(parsed.closeTimeMs()).isEqualTo(T0 + 59_999);
    assertThat(parsed.quoteVolume()).isEqualByComparingTo("500");
    assertThat(parsed.trades()).isEqualTo(3);
    assertThat(parsed.closed()).isTrue();
  }

  private static JsonNode fixture(String name) throws IOException {
    return Json.parse(
        Files.readString(SharedData.require("binance-api-fixtures/ws-market/" + name + ".json")));
  }

  @Test
  void restClient_readsTheFakesKlines_withBinanceWeightsAndErrors() {
    try (FakeBinanceServer server = FakeVenueSupport.start()) {
      BinanceRestClient client = FakeVenueSupport.client(server);
      FakeExchange x = server.exchange();
      long now = System.currentTimeMillis();
      long base = KlineInterval.H1.openTime(now) + 2 * H;
      x.tradeAt("BTCUSDT", bd("50000.0"), bd("0.010"), false, base + 1_000);
      x.tradeAt("BTCUSDT", bd("50010.0"), bd("0.020"), true, base + 2_000);
      x.tradeAt("BTCUSDT", bd("50020.0"), bd("0.001"), false, base + H + 1_000);
      List<Kline> bars = client.klines("BTCUSDT", "1h", base, base + H, 1500);
      assertThat(bars).hasSize(2);
      assertThat(bars.get(0).openTimeMs()).isEqualTo(base);
      assertThat(bars.get(0).close()).isEqualByComparingTo("50010");
      assertThat(bars.get(0).quoteVolume()).isEqualByComparingTo("1500.2");
      assertThat(bars.get(0).trades()).isEqualTo(6);
      assertThat(bars.get(1).openTimeMs()).isEqualTo(base + H);
      assertThat(client.limiter().used()).isGreaterThanOrEqualTo(10);
      assertThat(client.klines("BTCUSDT", "1h", null, null, 1))
          .singleElement()
          .extracting(Kline::openTimeMs)
          .isEqualTo(base + H);
      assertThat(server.requestCount("GET /fapi/v1/klines")).isEqualTo(2);

      assertThatThrownBy(() -> client.klines("NOPEUSDT", "1h", null, null, 10))
          .isInstanceOfSatisfying(
              BinanceApiException.class, e -> assertThat(e.code()).isEqualTo(-1121));
      assertThatThrownBy(() -> client.klines("BTCUSDT", "7m", null, null, 10))
          .isInstanceOfSatisfying(
              BinanceApiException.class, e -> assertThat(e.code()).isEqualTo(-1120));
      assertThatThrownBy(() -> client.klines("BTCUSDT", "4h", null, null, 10))
          .isInstanceOfSatisfying(
              BinanceApiException.class, e -> assertThat(e.code()).isEqualTo(-1120));
      assertThatThrownBy(() -> client.klines("BTCUSDT", "1h", 2L, 1L, 10))
          .isInstanceOfSatisfying(
              BinanceApiException.class, e -> assertThat(e.code()).isEqualTo(-1023));
      assertThatThrownBy(() -> client.klines("BTCUSDT", "1h", null, null, 1501))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(server.requestCount("GET /fapi/v1/klines")).isEqualTo(6);
      x.setKlineIntervals(List.of("1m", "1h", "4h"));
      assertThat(client.klines("BTCUSDT", "4h", null, null, 10)).isEmpty();
    }
  }

  @Test
  void requestWeight_followsBinancesTable() {
    assertThat(
            List.of(1, 99, 100, 499, 500, 1000, 1001, 1500).stream()
                .map(BinanceRestClient::klineWeight)
                .toList())
        .containsExactly(1, 1, 2, 2, 5, 5, 10, 10);
  }

  @Test
  void seededHistory_isAContiguousDeterministicWalkEndingAtTheLastPrice() {
    FakeExchange a = exchange(new ArrayList<>(), new ArrayList<>());
    FakeExchange b = exchange(new ArrayList<>(), new ArrayList<>());
    long current = a.seedHistory("1h", 300, 7);
    assertThat(b.seedHistory("1h", 300, 7)).isEqualTo(current);
    assertThat(current % H).isZero();
    assertThat(current).isLessThanOrEqualTo(System.currentTimeMillis());
    for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
      ArrayNode rows = a.klines(symbol, "1h", null, null, 1500);
      assertThat(rows).hasSize(300);
      assertThat(rows).isEqualTo(b.klines(symbol, "1h", null, null, 1500));
      List<Kline> bars = new ArrayList<>();
      rows.forEach(r -> bars.add(Kline.fromJson(r)));
      for (int i = 0; i < bars.size(); i++) {
        Kline k = bars.get(i);
        assertThat(k.openTimeMs()).isEqualTo(current - (300 - i) * H);
        assertThat(k.closeTimeMs()).isEqualTo(k.openTimeMs() + H - 1);
        assertThat(k.high()).isGreaterThanOrEqualTo(k.open().max(k.close()));
        assertThat(k.low()).isLessThanOrEqualTo(k.open().min(k.close()));
        assertThat(k.low().signum()).isPositive();
        assertThat(k.quoteVolume().signum()).isPositive();
        if (i > 0) {
          assertThat(k.open()).isEqualByComparingTo(bars.get(i - 1).close());
        }
      }
      assertThat(bars.get(299).close()).isEqualByComparingTo(a.lastPrice(symbol));
    }
    FakeExchange c = exchange(new ArrayList<>(), new ArrayList<>());
    c.seedHistory("1h", 300, 8);
    assertThat(c.klines("BTCUSDT", "1h", null, null, 1500))
        .isNotEqualTo(a.klines("BTCUSDT", "1h", null, null, 1500));
    // 1m is aggregated too but was not seeded
    assertThat(a.klines("BTCUSDT", "1m", null, null, 1500)).isEmpty();
    assertThatThrownBy(() -> a.seedHistory("2w", 10, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Map.of("intervals", a.klineIntervals()))
        .containsEntry("intervals", List.of("1m", "1h"));
  }
}
