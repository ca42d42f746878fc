package io.perpetua.venue.binance;

import io.perpetua.core.time.Clock;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.order.NewOrderRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Starts the fake venue and builds clients against it. */
final class FakeVenueSupport {
  private FakeVenueSupport() {}

  static FakeBinanceServer start() {
    return FakeBinanceServer.startLocal(
        List.of(
            FakeListing.standard("BTCUSDT", new BigDecimal("50000.0")),
            FakeListing.standard("ETHUSDT", new BigDecimal("3000.00"))));
  }

  static BinanceConfig config(FakeBinanceServer server, long maxRateLimitWaitMs, Duration maxAge) {
    return config(server, maxRateLimitWaitMs, maxAge, 5_000);
  }

  static BinanceConfig config(
      FakeBinanceServer server, long maxRateLimitWaitMs, Duration maxAge, long timeoutMs) {
    return config(server, maxRateLimitWaitMs, maxAge, timeoutMs, 5_000);
  }

  static BinanceConfig config(
      FakeBinanceServer server,
      long maxRateLimitWaitMs,
      Duration maxAge,
      long timeoutMs,
      long recvWindowMs) {
    return new BinanceConfig(
        URI.create(server.restBaseUrl()),
        URI.create(server.wsBaseUrl()),
        recvWindowMs,
        1_000,
        Duration.ofMillis(timeoutMs),
        Duration.ofMillis(maxRateLimitWaitMs),
        maxAge,
        Duration.ofMinutes(30));
  }

  static BinanceRestClient client(FakeBinanceServer server) {
    return client(server, 2_000);
  }

  static BinanceRestClient client(FakeBinanceServer server, long maxRateLimitWaitMs) {
    return client(server, maxRateLimitWaitMs, 5_000);
  }

  /** A client whose requests time out after {@code timeoutMs} (timeout fault tests). */
  static BinanceRestClient client(
      FakeBinanceServer server, long maxRateLimitWaitMs, long timeoutMs) {
    return client(server, maxRateLimitWaitMs, timeoutMs, 5_000);
  }

  /**
   * A client with {@code recvWindowMs}: after an unknown outcome the adapter waits that long (plus
   * a second) for the lost order before sending it again, so fault tests keep it short.
   */
  static BinanceRestClient client(
      FakeBinanceServer server, long maxRateLimitWaitMs, long timeoutMs, long recvWindowMs) {
    BinanceRestClient c =
        new BinanceRestClient(
            config(server, maxRateLimitWaitMs, Duration.ofHours(23), timeoutMs, recvWindowMs),
            new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
            Clock.system());
    c.syncTime();
    return c;
  }

  /** Polls {@code condition} every 5 ms until it holds or {@code timeoutMs} pass. */
  static boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  static NewOrderRequest market(String cid, String side, String qty) {
    return new NewOrderRequest(
        "BTCUSDT", side, "MARKET", null, new BigDecimal(qty), null, false, cid);
  }

  static NewOrderRequest limit(String cid, String side, String qty, String price, String tif) {
    return new NewOrderRequest(
        "BTCUSDT", side, "LIMIT", tif, new BigDecimal(qty), new BigDecimal(price), false, cid);
  }
}
