package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.time.Clock;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketDataStreamTest {
  private FakeBinanceServer server;
  private final List<MarketEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MarketDataStream stream(Duration maxAge) {
    BinanceRestClient rest =
        new BinanceRestClient(FakeVenueSupport.config(server, 2_000, maxAge), null, Clock.system());
    return new MarketDataStream(rest, MarketDataStream.streamsFor("BTCUSDT"), events::add);
  }

  private void trade(String price) {
    server.exchange().trade("BTCUSDT", new BigDecimal(price), BigDecimal.ONE, false);
  }

  private List<Long> tradeIds() {
    return events.stream()
        .filter(e -> e instanceof MarketEvent.Trade)
        .map(e -> ((MarketEvent.Trade) e).trade().aggregateId())
        .toList();
  }

  @Test
  void tradesMarkPricesAndTickers_arrive() throws Exception {
    try (MarketDataStream s = stream(Duration.ofHours(23))) {
      s.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      trade("50010.0");
      assertThat(await(() -> events.size() == 4, 5_000)).isTrue();
      assertThat(events).hasAtLeastOneElementOfType(MarketEvent.MarkPrice.class);
      assertThat(events).hasAtLeastOneElementOfType(MarketEvent.Kline.class);
      assertThat(events).hasAtLeastOneElementOfType(MarketEvent.BookTicker.class);
      assertThat(tradeIds()).containsExactly(1L);
    }
  }

  @Test
  void droppedConnection_reconnects_andFillsTheGapFromRest() throws Exception {
    try (MarketDataStream s = stream(Duration.ofHours(23))) {
      s.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      trade("50000.0");
      trade("50000.1");
      assertThat(await(() -> tradeIds().size() == 2, 5_000)).isTrue();
      server.pauseMarketStream(true);
      server.dropConnections();
      for (int i = 0; i < 5; i++) {
        trade("50001." + i);
      }
      assertThat(await(() -> s.connects() == 2, 5_000)).isTrue();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      server.pauseMarketStream(false);
      trade("50002.0");
      trade("50002.1");
      assertThat(await(() -> tradeIds().size() == 9, 5_000)).isTrue();
      Thread.sleep(50);
      assertThat(tradeIds())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 9).boxed().toList());
    }
  }

  @Test
  void connectHook_runsAfterEveryConnect_beforeThatConnectionsEvents() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    try (MarketDataStream s =
        new MarketDataStream(
            rest,
            List.of("btcusdt@aggTrade"),
            e -> seen.add("event"),
            reconnect -> seen.add(reconnect ? "reconnect" : "connect"))) {
      s.start();
      assertThat(await(() -> seen.contains("connect"), 5_000)).isTrue();
      server.dropConnections();
      assertThat(await(() -> seen.contains("reconnect"), 5_000)).isTrue();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      trade("50000.0");
      assertThat(await(() -> seen.contains("event"), 5_000)).isTrue();
      assertThat(seen).containsExactly("connect", "reconnect", "event");
    }
  }

  @Test
  void connectionOlderThanMaxAge_isRotated_withoutLosingTrades() throws Exception {
    try (MarketDataStream s = stream(Duration.ofMillis(300))) {
      s.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      for (int i = 0; i < 12; i++) {
        trade("50000." + (i % 10));
        Thread.sleep(40);
      }
      assertThat(await(() -> s.connects() >= 2, 5_000)).isTrue();
      trade("50003.0");
      assertThat(await(() -> tradeIds().size() == 13, 5_000)).isTrue();
      assertThat(tradeIds())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 13).boxed().toList());
    }
  }

  private static String aggTrade(long id, long timeMs, String price, String qty) {
    return "{\"e\":\"aggTrade\",\"E\":"
        + timeMs
        + ",\"a\":"
        + id
        + ",\"s\":\"BTCUSDT\",\"p\":\""
        + price
        + "\",\"q\":\""
        + qty
        + "\",\"f\":"
        + id
        + ",\"l\":"
        + id
        + ",\"T\":"
        + timeMs
        + ",\"m\":false}";
  }

  @Test
  void hostileAggTrades_zeroValuesDuplicatesAndBackwardsTime_areDroppedAndCounted()
      throws Exception {
    try (MarketDataStream s = stream(Duration.ofHours(23))) {
      s.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      String topic = "btcusdt@aggTrade";
      server.injectMarketMessage(topic, aggTrade(1, 1_000, "50000", "0")); // zero quantity
      server.injectMarketMessage(topic, aggTrade(2, 1_000, "0", "1")); // zero price
      server.injectMarketMessage(topic, aggTrade(3, 2_000, "50000", "1"));
      server.injectMarketMessage(topic, aggTrade(3, 2_000, "50000", "1")); // duplicate
      server.injectMarketMessage(topic, aggTrade(4, 1_500, "50000", "1")); // time backwards
      server.injectMarketMessage(topic, aggTrade(5, 2_500, "50001", "2"));
      assertThat(await(() -> tradeIds().contains(5L), 5_000)).isTrue();
      assertThat(tradeIds()).containsExactly(3L, 5L);
      assertThat(s.rejectedTrades())
          .containsEntry("non_positive_quantity", 1L)
          .containsEntry("non_positive_price", 1L)
          .containsEntry("duplicate_id", 1L)
          .containsEntry("time_backwards", 1L);
    }
  }
}
