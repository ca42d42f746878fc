package io.perpetua.server.http;

import io.perpetua.core.time.Clock;

/**
 * The API's request rate limits: one {@link RateLimiter} per client IP (checked before
 * authentication, so a flood of bad tokens is limited too) and one per authenticated caller.
 * Exceeding either answers 429 with code 40006 and {@code Retry-After}. Immutable and thread-safe.
 *
 * @param perClient per client IP, or null for none
 * @param perCaller per authenticated user or token, or null for none
 */
public record RateLimits(RateLimiter perClient, RateLimiter perCaller) {
  /** No limits (tests, embedded use). */
  public static final RateLimits UNLIMITED = new RateLimits(null, null);

  /** The platform's defaults: 100/s per IP (bursts of 1000), 50/s per caller (bursts of 500). */
  public static RateLimits defaults(Clock clock) {
    return new RateLimits(new RateLimiter(100, 1000, clock), new RateLimiter(50, 500, clock));
  }

  /**
   * Counts a request from {@code ip}.
   *
   * @throws ApiException 429/40006 when over the limit
   */
  public void checkClient(String ip) {
    if (perClient != null && !perClient.tryAcquire(ip == null ? "" : ip)) {
      throw new ApiException(
          ApiError.RATE_LIMITED, "Too many requests from this address; retry later");
    }
  }

  /**
   * Counts a request of {@code subject}.
   *
   * @throws ApiException 429/40006 when over the limit
   */
  public void checkCaller(String subject) {
    if (perCaller != null && !perCaller.tryAcquire(subject)) {
      throw new ApiException(ApiError.RATE_LIMITED, "Too many requests; retry later");
    }
  }
}
