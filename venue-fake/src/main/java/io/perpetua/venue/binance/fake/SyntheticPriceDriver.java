package io.perpetua.venue.binance.fake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives the fake venue's books with a seeded random walk: every period each listed symbol trades
 * once, its price moving by a normal step of {@code volatilityBps} basis points, rounded to the
 * tick. Deterministic for a seed (the sequence of prices, not the wall-clock times).
 *
 * <p>Thread-safe to start and close.
 */
public final class SyntheticPriceDriver implements AutoCloseable {
  private final FakeExchange exchange;
  private final SplittableRandom random;
  private final double volatilityBps;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fake-binance-prices");
            t.setDaemon(true);
            return t;
          });

  /** A driver for {@code exchange} seeded with {@code seed}. */
  public SyntheticPriceDriver(FakeExchange exchange, long seed, double volatilityBps) {
    this.exchange = exchange;
    this.random = new SplittableRandom(seed);
    this.volatilityBps = volatilityBps;
  }

  /** Trades every {@code periodMs}. */
  public void start(long periodMs) {
    timer.scheduleAtFixedRate(this::step, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** One step: one trade per symbol. */
  public void step() {
    for (FakeListing l : exchange.listings()) {
      BigDecimal last = exchange.lastPrice(l.symbol());
      double z = gaussian();
      double next = last.doubleValue() * (1 + z * volatilityBps / 10_000.0);
      BigDecimal price =
          BigDecimal.valueOf(next)
              .divide(l.tickSize(), 0, RoundingMode.HALF_EVEN)
              .multiply(l.tickSize())
              .max(l.tickSize());
      BigDecimal qty = l.stepSize().multiply(BigDecimal.valueOf(1 + random.nextInt(100)));
      exchange.trade(l.symbol(), price, qty, random.nextBoolean());
    }
  }

  private double gaussian() {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
