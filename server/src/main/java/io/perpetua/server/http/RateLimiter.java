package io.perpetua.server.http;

import io.perpetua.core.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client IP, a user): each key may make {@code burst} requests at once and
 * {@code perSecond} on average. Memory is bounded: past {@link #MAX_KEYS} keys the table is cleared
 * (every key starts with a full bucket again), which only ever errs towards allowing. Thread-safe.
 */
public final class RateLimiter {
  /** The most keys tracked at once. */
  public static final int MAX_KEYS = 100_000;

  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

  /** A limiter of {@code perSecond} on average with bursts of {@code burst}. */
  public RateLimiter(double perSecond, int burst, Clock clock) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether {@code key} may make one more request now (and counts it). */
  public boolean tryAcquire(String key) {
    if (buckets.size() > MAX_KEYS) {
      buckets.clear();
    }
    long now = clock.nowMillis();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    synchronized (bucket) {
      double refill = (now - bucket[1]) / 1000.0 * perSecond;
      bucket[0] = Math.min(burst, bucket[0] + Math.max(0, refill));
      bucket[1] = now;
      if (bucket[0] < 1) {
        return false;
      }
      bucket[0] -= 1;
      return true;
    }
  }

  /** Seconds until {@code key} has one request again (at least 1). */
  public long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / perSecond));
  }
}
