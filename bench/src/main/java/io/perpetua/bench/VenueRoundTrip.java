package io.perpetua.bench;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Order round trip on loopback: {@code BinanceVenue.submit} of a market order → signed {@code POST
 * /fapi/v1/order} → in-process {@link FakeBinanceServer} fill → {@code ORDER_TRADE_UPDATE} on the
 * user-data WebSocket → {@code VenueListener.onFill}. One order at a time, alternating buy and sell
 * so the position stays flat (the fake's announced weight limit is raised so that the client's
 * 2,400-per-minute budget does not throttle the run); prints p50/p90/p99/max of submit→fill in
 * microseconds.
 *
 * <p>Usage: {@code VenueRoundTrip [--orders N] [--warmup N]} (defaults 2000 and 300).
 */
public final class VenueRoundTrip {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final StrategyId STRATEGY = StrategyId.of("roundtrip");

  private VenueRoundTrip() {}

  /** Latch per order, released by its first fill. */
  private static final class Waiter implements VenueListener {
    volatile ClientOrderId expected;
    volatile CountDownLatch latch;
    volatile String failure;

    @Override
    public void onAccepted(Order order, long timeMs) {}

    @Override
    public void onFill(Fill fill) {
      if (fill.clientOrderId().equals(expected)) {
        latch.countDown();
      }
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      failure = order.clientOrderId() + " rejected: " + reason;
      latch.countDown();
    }

    @Override
    public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      failure = clientOrderId + " cancelled";
      latch.countDown();
    }
  }

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int orders = 2_000;
    int warmup = 300;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--orders" -> orders = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        default ->
            throw new IllegalArgumentException("usage: VenueRoundTrip [--orders N] [--warmup N]");
      }
    }
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    try (FakeBinanceServer server =
        FakeBinanceServer.startLocal(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("50000.0"))))) {
      server.exchange().setRequestWeightLimit(1_000_000);
      BinanceRestClient rest =
          new BinanceRestClient(
              BinanceConfig.of(server.restBaseUrl(), server.wsBaseUrl()),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              Clock.system());
      try (BinanceVenue venue = BinanceVenue.connect(rest, false, Clock.system())) {
        venue.onMarkPrice("BTCUSDT", new BigDecimal("50000.0"));
        Waiter waiter = new Waiter();
        venue.setListener(waiter);
        waitForUserStream(server);
        long started = System.nanoTime();
        for (int i = 0; i < warmup + orders; i++) {
          Order o =
              new Order(
                  ClientOrderIds.derive(STRATEGY, "rt-" + i, "0"),
                  BTC,
                  i % 2 == 0 ? OrderSide.BUY : OrderSide.SELL,
                  OrderType.MARKET,
                  Quantity.parse("0.010", 3),
                  null,
                  false,
                  STRATEGY,
                  null,
                  1L);
          waiter.expected = o.clientOrderId();
          waiter.latch = new CountDownLatch(1);
          long t0 = System.nanoTime();
          venue.submit(o);
          if (!waiter.latch.await(10, TimeUnit.SECONDS) || waiter.failure != null) {
            throw new IllegalStateException("order " + i + " did not fill: " + waiter.failure);
          }
          long t = System.nanoTime() - t0;
          if (i == warmup) {
            started = System.nanoTime();
          }
          if (i >= warmup) {
            h.recordValue(t);
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
            "orders=%d warmup=%d p50=%.0fus p90=%.0fus p99=%.0fus max=%.0fus mean=%.0fus"
                + " throughput=%.0f orders/s (one in flight)%n",
            h.getTotalCount(),
            warmup,
            h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(90) / 1e3,
            h.getValueAtPercentile(99) / 1e3,
            h.getMaxValue() / 1e3,
            h.getMean() / 1e3,
            orders / seconds);
      }
    }
  }

  private static void waitForUserStream(FakeBinanceServer server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.userConnections() < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the user-data stream did not connect");
      }
      Thread.sleep(5);
    }
  }
}
