package io.perpetua.venue.binance;

import io.perpetua.core.time.Clock;

/**
 * Client-side request-weight budget for one minute window, kept in step with the venue: the limit
 * comes from {@code exchangeInfo} ({@code REQUEST_WEIGHT}, per minute), the count from the {@code
 * X-MBX-USED-WEIGHT-1M} header of every answer, and a 429/418 {@code Retry-After} blocks all
 * requests until it passes.
 *
 * <p>Thread-safe (synchronized).
 */
public final class RequestWeightLimiter {
  private static final long MINUTE_MS = 60_000;
  private final Clock clock;
  private int limitPerMinute;
  private long windowStart = Long.MIN_VALUE;
  private int used;
  private long blockedUntilMs;

  /** A limiter with {@code limitPerMinute} (until exchangeInfo says otherwise). */
  public RequestWeightLimiter(Clock clock, int limitPerMinute) {
    this.clock = clock;
    setLimit(limitPerMinute);
  }

  /** Sets the per-minute limit (from exchangeInfo). */
  public synchronized void setLimit(int limitPerMinute) {
    if (limitPerMinute <= 0) {
      throw new IllegalArgumentException("weight limit must be positive");
    }
    this.limitPerMinute = limitPerMinute;
  }

  /** The per-minute limit. */
  public synchronized int limit() {
    return limitPerMinute;
  }

  /** The weight used in the current window, as far as known. */
  public synchronized int used() {
    roll(clock.nowMillis());
    return used;
  }

  /**
   * Milliseconds to wait before a request of {@code weight} may be sent; 0 means send now (and the
   * weight is then counted).
   */
  public synchronized long reserve(int weight) {
    long now = clock.nowMillis();
    if (now < blockedUntilMs) {
      return blockedUntilMs - now;
    }
    roll(now);
    if (used + weight > limitPerMinute) {
      return windowStart + MINUTE_MS - now;
    }
    used += weight;
    return 0;
  }

  /** The venue's count for the current window (authoritative). */
  public synchronized void onUsedWeight(int usedWeight) {
    roll(clock.nowMillis());
    used = usedWeight;
  }

  /** A 429/418 answer: nothing may be sent for {@code retryAfterMs}. */
  public synchronized void onRetryAfter(long retryAfterMs) {
    blockedUntilMs = Math.max(blockedUntilMs, clock.nowMillis() + retryAfterMs);
  }

  /** Epoch ms until which requests are blocked (0 when never). */
  public synchronized long blockedUntilMs() {
    return blockedUntilMs;
  }

  private void roll(long now) {
    long start = now - Math.floorMod(now, MINUTE_MS);
    if (start != windowStart) {
      windowStart = start;
      used = 0;
    }
  }
}
