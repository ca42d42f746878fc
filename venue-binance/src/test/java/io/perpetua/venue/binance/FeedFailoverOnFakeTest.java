package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.InstrumentId;
import io.perpetua.trading.control.AlertBook;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.control.FeedRouter;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.SyntheticPriceDriver;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Issue 18 "done means" for feeds, on the local fake Binance: the active feed is the WebSocket
 * {@code bookTicker} stream, the fallback polls {@code GET /fapi/v1/ticker/bookTicker} over HTTP;
 * the stream is killed (the fake stops sending) → the router fails over to polling within the
 * configured time, {@code lastFailover} is updated, and the books the strategies see have no gap
 * longer than detection + one poll.
 */
class FeedFailoverOnFakeTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final long FAILING_AFTER_MS = 600;
  private static final long CHECK_MS = 100;
  private static final long POLL_MS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Book poll(HttpClient http, String base) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/fapi/v1/ticker/bookTicker?symbol=BTCUSDT"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode t = JSON.readTree(r.body());
    return new Book(
        List.of(
            new Book.Level(
                new BigDecimal(t.get("bidPrice").asText()),
                new BigDecimal(t.get("bidQty").asText()))),
        List.of(
            new Book.Level(
                new BigDecimal(t.get("askPrice").asText()),
                new BigDecimal(t.get("askQty").asText()))),
        t.path("time").asLong());
  }

  private final List<Long> seen = new CopyOnWriteArrayList<>();
  private final AlertBook alerts = new AlertBook(50, System::currentTimeMillis);
  private final FeedRouter router =
      new FeedRouter(
          List.of("binance-stream", "binance-rest"),
          new FeedRouter.Settings(FAILING_AFTER_MS / 2, FAILING_AFTER_MS, 3),
          System::currentTimeMillis,
          alerts,
          (feed, instrument, book) -> seen.add(System.currentTimeMillis()));

  private MarketDataStream stream(FakeBinanceServer server) {
    return new MarketDataStream(
        FakeVenueSupport.client(server),
        List.of("btcusdt@bookTicker"),
        e -> {
          if (e instanceof MarketEvent.BookTicker t) {
            router.onUpdate(
                "binance-stream",
                BTC,
                Book.top(t.bidPrice(), t.bidQty(), t.askPrice(), t.askQty()),
                t.timeMs());
          }
        });
  }

  /** The REST poller (the fallback feed), on {@code timer}. */
  private void schedule(ScheduledExecutorService timer, String baseUrl) {
    HttpClient http = HttpClient.newHttpClient();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            Book b = poll(http, baseUrl);
            router.onUpdate("binance-rest", BTC, b, b.timeMs());
          } catch (Exception e) {
            router.onError("binance-rest");
          }
        },
        0,
        POLL_MS,
        TimeUnit.MILLISECONDS);
  }

  @RepeatedTest(2)
  void streamKilled_failsOverToRestPolling_inTime_withoutAGap() throws Exception {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    try (FakeBinanceServer server = FakeVenueSupport.start();
        SyntheticPriceDriver prices = new SyntheticPriceDriver(server.exchange(), 7, 2);
        MarketDataStream stream = stream(server)) {
      prices.start(50);
      stream.start();
      schedule(timer, server.restBaseUrl());
      assertThat(
              FakeVenueSupport.await(
                  () -> seen.size() > 20 && router.view().feeds().get(0).status().equals("healthy"),
                  10_000))
          .isTrue();
      // the checks start once the stream delivers (as at the platform's start)
      timer.scheduleWithFixedDelay(router::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
      assertThat(router.view().lastFailover()).isZero();

      long killed = System.currentTimeMillis();
      server.pauseMarketStream(true);
      assertThat(
              FakeVenueSupport.await(
                  () -> router.view().activeFeed().equals("binance-rest"), 10_000))
          .isTrue();
      FeedRouter.Switch s = router.switches().get(0);
      assertThat(s.timeMs() - killed).isLessThanOrEqualTo(FAILING_AFTER_MS + 2 * CHECK_MS + 200);
      assertThat(router.view().lastFailover()).isEqualTo(s.timeMs());
      int at = seen.size();
      assertThat(FakeVenueSupport.await(() -> seen.size() > at + 5, 10_000)).isTrue();
      for (int i = 1; i < seen.size(); i++) {
        assertThat(seen.get(i) - seen.get(i - 1))
            .as("gap before book %d", i)
            .isLessThanOrEqualTo(FAILING_AFTER_MS + 2 * CHECK_MS + POLL_MS + 200);
      }
      assertThat(alerts.list("system", "WARN").get(0).type()).isEqualTo("failover-alert");
    } finally {
      timer.shutdownNow();
    }
  }
}
