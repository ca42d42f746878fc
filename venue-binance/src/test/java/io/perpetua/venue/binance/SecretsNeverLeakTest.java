package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through faults (bad signature, 5xx, timeout, 429, dropped and expired streams,
 * clock skew, rejection) while capturing every log line of every logger at every level, every
 * exception message and every answer the venue gave, then greps them for the API key and secret.
 */
class SecretsNeverLeakTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final StrategyId STRATEGY = StrategyId.of("secrets");

  private static Order market(String decision, OrderSide side) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, decision, "BTCUSDT"),
        BTC,
        side,
        OrderType.MARKET,
        Quantity.parse("0.010", 3),
        null,
        false,
        STRATEGY,
        null,
        1L);
  }

  @Test
  void keyAndSecret_neverAppearInLogsExceptionsOrAnswers() throws Exception {
    List<String> texts = new ArrayList<>();
    String logText;
    int logLines;
    try (LogCapture logs = new LogCapture();
        FakeBinanceServer server = FakeVenueSupport.start()) {
      BinanceRestClient wrong =
          new BinanceRestClient(
              FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)),
              new BinanceCredentials(
                  FakeBinanceServer.API_KEY, "wrong-" + FakeBinanceServer.API_SECRET),
              Clock.system());
      wrong.syncTime();
      try {
        wrong.placeOrder(FakeVenueSupport.market("w1", "BUY", "0.010"));
      } catch (RuntimeException e) {
        texts.add(e.toString());
        texts.add(String.valueOf(e.getCause()));
      }
      texts.add(wrong.toString());
      texts.add(
          new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET)
              .toString());

      RecordingListener listener = new RecordingListener();
      BinanceRestClient rest = FakeVenueSupport.client(server, 2_000, 1_000);
      try (BinanceVenue venue = BinanceVenue.connect(rest, false, Clock.system())) {
        venue.setListener(listener);
        venue.onMarkPrice("BTCUSDT", new BigDecimal("50000.0"));
        assertThat(await(() -> server.userConnections() == 1, 5_000)).isTrue();
        server.faults().serverErrorAfterProcessingNext("/fapi/v1/order");
        venue.submit(market("a", OrderSide.BUY));
        server.faults().timeoutNext("/fapi/v1/order", 1_500);
        venue.submit(market("b", OrderSide.SELL));
        server.faults().rejectNextOrder(-2019, "Margin is insufficient.");
        venue.submit(market("c", OrderSide.BUY));
        server.faults().rateLimitNext(1);
        venue.submit(market("d", OrderSide.BUY));
        venue.awaitIdle(10_000);
        server.dropConnections();
        server.expireListenKeys();
        assertThat(await(() -> server.userConnections() == 1, 10_000)).isTrue();
        server.faults().clockSkew(5_000);
        rest.syncTime();
        venue.submit(market("e", OrderSide.SELL));
        venue.awaitIdle(5_000);
        texts.addAll(listener.events);
        texts.add(rest.account().toString());
        texts.add(rest.positionRisk().toString());
        texts.add(rest.openOrders().toString());
      }
      logText = logs.text();
      logLines = logs.size();
    }
    assertThat(logLines).as("the run logged (so the grep means something)").isGreaterThan(5);
    assertThat(logText).contains("WARN");
    String all = logText + String.join("\n", texts);
    assertThat(all).doesNotContain(FakeBinanceServer.API_KEY);
    assertThat(all).doesNotContain(FakeBinanceServer.API_SECRET);
  }
}
