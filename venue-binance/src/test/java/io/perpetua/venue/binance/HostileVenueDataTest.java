package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.testing.LogCapture;
import io.perpetua.core.time.Clock;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad or hostile venue data (malformed JSON, unknown fields, out-of-order events, negative
 * quantities) is rejected with a logged reason and never changes positions.
 */
class HostileVenueDataTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final StrategyId STRATEGY = StrategyId.of("hostile");
  private static final String TRADE =
      "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"T\":1,\"o\":{\"s\":\"%s\",\"c\":\"%s\",\"S\":\"%s\","
          + "\"o\":\"MARKET\",\"f\":\"GTC\",\"q\":\"%s\",\"p\":\"0\",\"ap\":\"50000\",\"x\":\"TRADE\","
          + "\"X\":\"%s\",\"i\":%d,\"l\":\"%s\",\"z\":\"%s\",\"L\":\"%s\",\"N\":\"USDT\",\"n\":\"0.1\","
          + "\"t\":%d,\"m\":false,\"R\":false,\"ps\":\"BOTH\",\"rp\":\"0\"%s}}";
  private FakeBinanceServer server;

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String trade(
      String symbol, String cid, String side, String qty, String status, String last, long tid) {
    return String.format(
        TRADE, symbol, cid, side, qty, status, 777L, last, last, "50000.0", tid, "");
  }

  @Test
  void parsers_rejectMalformedAndNegative_butIgnoreUnknownFields() {
    assertThatThrownBy(() -> UserDataEvent.parse("{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(
            () -> UserDataEvent.parse(trade("BTCUSDT", "x", "BUY", "0.01", "FILLED", "-0.01", 1)))
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () ->
                MarketEvent.parse(
                    "{\"e\":\"aggTrade\",\"E\":1,\"a\":1,\"s\":\"BTCUSDT\","
                        + "\"p\":\"50000\",\"q\":\"-1\",\"f\":1,\"l\":1,\"T\":1,\"m\":true}"))
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () ->
                MarketEvent.parse(
                    "{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BTCUSDT\","
                        + "\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"1\",\"-5\"]],\"a\":[]}"))
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () ->
                OrderState.fromJson(
                    Json.parse(
                        "{\"orderId\":1,\"symbol\":\"BTCUSDT\","
                            + "\"clientOrderId\":\"c\",\"status\":\"NEW\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                            + "\"origQty\":\"-1\"}")))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Json.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BinanceMessages.tradeLite(Json.parse("{\"e\":\"ALGO_UPDATE\"}")))
        .hasMessageContaining("expected event TRADE_LITE");
    String withUnknown =
        String.format(
            TRADE,
            "BTCUSDT",
            "c",
            "BUY",
            "0.01",
            "FILLED",
            1L,
            "0.01",
            "0.01",
            "50000",
            9L,
            ",\"zz\":{\"nested\":[1,2]},\"newField\":\"x\"");
    assertThat(((OrderTradeUpdate) UserDataEvent.parse(withUnknown)).lastFilledQty())
        .isEqualByComparingTo("0.01");
  }

  /** A venue on the fake with a BTCUSDT mark, its user stream connected. */
  private BinanceVenue connected(RecordingListener listener) throws InterruptedException {
    BinanceVenue venue =
        BinanceVenue.connect(FakeVenueSupport.client(server), false, Clock.system());
    venue.setListener(listener);
    venue.onMarkPrice("BTCUSDT", new BigDecimal("50000.0"));
    assertThat(await(() -> server.userConnections() == 1, 5_000)).isTrue();
    return venue;
  }

  @Test
  void hostileUserEvents_areDroppedWithAReason_andPositionsStayTheVenues() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (LogCapture logs = new LogCapture();
        BinanceVenue venue = connected(listener)) {
      Order o =
          new Order(
              ClientOrderIds.derive(STRATEGY, "d1", "BTCUSDT"),
              BTC,
              OrderSide.BUY,
              OrderType.MARKET,
              Quantity.parse("0.010", 3),
              null,
              false,
              STRATEGY,
              null,
              1L);
      venue.submit(o);
      assertThat(await(() -> listener.fills.size() == 1, 5_000)).isTrue();
      String cid = o.clientOrderId().value();
      server.injectUserMessage("{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":{"); // malformed
      server.injectUserMessage("not json at all");
      server.injectUserMessage(trade("BTCUSDT", cid, "BUY", "0.010", "FILLED", "-0.010", 1001));
      // an extra trade arriving after the order's FILLED (out of order / replayed)
      server.injectUserMessage(trade("BTCUSDT", cid, "BUY", "0.010", "FILLED", "0.010", 1002));
      // the same order id on another symbol, and the wrong side
      server.injectUserMessage(trade("ETHUSDT", cid, "BUY", "0.010", "FILLED", "0.010", 1003));
      server.injectUserMessage(trade("BTCUSDT", cid, "SELL", "0.010", "FILLED", "0.010", 1004));
      assertThat(
              await(
                  () ->
                      logs.text().contains("dropping malformed user-data message")
                          && logs.text().contains("negative")
                          && logs.text().contains("after the order ended"),
                  5_000))
          .isTrue();
      venue.awaitIdle(2_000);
      assertThat(listener.fills).hasSize(1);
      assertThat(listener.fills.get(0).quantity()).isEqualTo(Quantity.parse("0.010", 3));
      assertThat(logs.text()).contains("malformed JSON");
    }
  }

  @Test
  void overfillAndWrongSymbol_onAWorkingOrder_areRejected() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (LogCapture logs = new LogCapture();
        BinanceVenue venue = connected(listener)) {
      Order o =
          new Order(
              ClientOrderIds.derive(STRATEGY, "rest", "BTCUSDT"),
              BTC,
              OrderSide.BUY,
              OrderType.LIMIT,
              Quantity.parse("0.010", 3),
              io.perpetua.core.Price.parse("49000.0", 1),
              false,
              STRATEGY,
              null,
              1L);
      venue.submit(o);
      assertThat(await(() -> listener.count("accepted") == 1, 5_000)).isTrue();
      String cid = o.clientOrderId().value();
      server.injectUserMessage(
          trade("BTCUSDT", cid, "BUY", "0.010", "PARTIALLY_FILLED", "0.500", 2001));
      server.injectUserMessage(
          trade("ETHUSDT", cid, "BUY", "0.010", "PARTIALLY_FILLED", "0.001", 2002));
      assertThat(
              await(
                  () ->
                      logs.text().contains("would take the fills to")
                          && logs.text().contains("is not the order's"),
                  5_000))
          .isTrue();
      venue.awaitIdle(2_000);
      assertThat(listener.fills).isEmpty();
      // the real fill still arrives and is counted once
      server.exchange().trade("BTCUSDT", new BigDecimal("48990.0"), BigDecimal.ONE, true);
      assertThat(await(() -> listener.fills.size() == 1, 5_000)).isTrue();
      assertThat(
              new BigDecimal(server.exchange().positionRisk().get(0).get("positionAmt").asText()))
          .isEqualByComparingTo(listener.fills.get(0).quantity().toBigDecimal());
    }
  }

  @Test
  void hostileMarketMessages_areDroppedWithAReason() throws Exception {
    List<MarketEvent> events = new CopyOnWriteArrayList<>();
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    try (LogCapture logs = new LogCapture();
        MarketDataStream s =
            new MarketDataStream(rest, MarketDataStream.streamsFor("BTCUSDT"), events::add)) {
      s.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      server.injectMarketMessage("btcusdt@aggTrade", "{broken");
      ObjectNode negative =
          Json.MAPPER
              .createObjectNode()
              .put("e", "aggTrade")
              .put("E", 1)
              .put("a", 1)
              .put("s", "BTCUSDT")
              .put("p", "50000")
              .put("q", "-3")
              .put("f", 1)
              .put("l", 1)
              .put("T", 1)
              .put("m", true);
      server.injectMarketMessage("btcusdt@aggTrade", negative.toString());
      server.exchange().trade("BTCUSDT", new BigDecimal("50010.0"), BigDecimal.ONE, false);
      // aggTrade, markPrice, bookTicker and the kline_1m update of the one good print
      assertThat(await(() -> events.size() == 4, 5_000)).isTrue();
      assertThat(await(() -> logs.text().contains("negative"), 5_000)).isTrue();
      assertThat(logs.text()).contains("dropping malformed market message");
      assertThat(events.stream().filter(e -> e instanceof MarketEvent.Trade).count()).isEqualTo(1);
    }
  }
}
