package io.perpetua.venue.binance.fake;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults the fake venue injects on demand. REST faults are one-shot and apply to the next request
 * whose path starts with the given prefix (null: any path): 429 with {@code Retry-After}, 418 ban,
 * 5xx (before the request is processed, or after it, so the order exists but the answer is lost),
 * and timeouts (the request is processed, then the answer is held back longer than the client
 * waits). Order faults: the next order rejected with a given code, the next fill split in two
 * (partial fill), and acknowledgements delayed for all new orders (the user-data events go out
 * first). Clock skew shifts the server time; a margin ratio replaces the portfolio-margin account's
 * {@code uniMMR}.
 *
 * <p>Thread-safe.
 */
public final class FakeFaults {
  /** A kind of REST fault. */
  public enum Kind {
    /** HTTP 429 with Retry-After. */
    RATE_LIMIT,
    /** HTTP 418 (IP ban) with Retry-After. */
    BAN,
    /** HTTP 503 before processing. */
    SERVER_ERROR,
    /** Processes the request, then answers HTTP 503 (outcome unknown to the client). */
    SERVER_ERROR_AFTER_PROCESSING,
    /** Processes the request, then holds the answer for {@code value} ms. */
    TIMEOUT
  }

  /**
   * One queued REST fault.
   *
   * @param kind what to do
   * @param pathPrefix the request path it applies to (null: any)
   * @param value Retry-After seconds, or the delay in ms for timeouts
   */
  public record RestFault(Kind kind, String pathPrefix, long value) {}

  /**
   * A queued order rejection.
   *
   * @param code Binance error code
   * @param message error text
   */
  public record Rejection(int code, String message) {}

  private final Queue<RestFault> rest = new ConcurrentLinkedQueue<>();
  private final Queue<Rejection> rejections = new ConcurrentLinkedQueue<>();
  private volatile int partialFills;
  private volatile long ackDelayMs;
  private volatile long clockSkewMs;
  private volatile boolean outage;
  private volatile java.math.BigDecimal marginRatio;

  /** The next request answers 429 with {@code Retry-After: retryAfterSeconds}. */
  public void rateLimitNext(int retryAfterSeconds) {
    rest.add(new RestFault(Kind.RATE_LIMIT, null, retryAfterSeconds));
  }

  /** The next request answers 418 with {@code Retry-After: retryAfterSeconds}. */
  public void banNext(int retryAfterSeconds) {
    rest.add(new RestFault(Kind.BAN, null, retryAfterSeconds));
  }

  /** The next request to {@code pathPrefix} answers 503 without being processed. */
  public void serverErrorNext(String pathPrefix) {
    rest.add(new RestFault(Kind.SERVER_ERROR, pathPrefix, 0));
  }

  /** The next request to {@code pathPrefix} is processed, then answered with 503. */
  public void serverErrorAfterProcessingNext(String pathPrefix) {
    rest.add(new RestFault(Kind.SERVER_ERROR_AFTER_PROCESSING, pathPrefix, 0));
  }

  /** The next request to {@code pathPrefix} is processed, then answered after {@code delayMs}. */
  public void timeoutNext(String pathPrefix, long delayMs) {
    rest.add(new RestFault(Kind.TIMEOUT, pathPrefix, delayMs));
  }

  /** The next new order is rejected with {@code code} and {@code message}. */
  public void rejectNextOrder(int code, String message) {
    rejections.add(new Rejection(code, message));
  }

  /** The next {@code count} fills are split: half now, the rest later (limit) or next (market). */
  public synchronized void partialFillNext(int count) {
    partialFills = count;
  }

  /** Delays the REST answer of every new order by {@code delayMs} (0 to stop). */
  public void delayAcknowledgements(long delayMs) {
    ackDelayMs = delayMs;
  }

  /** Shifts the server clock by {@code skewMs}. */
  public void clockSkew(long skewMs) {
    clockSkewMs = skewMs;
  }

  /**
   * Serves {@code uniMmr} as the unified maintenance-margin ratio of {@code GET /papi/v1/account}
   * (null: computed from the positions again).
   */
  public void marginRatio(java.math.BigDecimal uniMmr) {
    this.marginRatio = uniMmr;
  }

  /** The margin ratio served instead of the computed one, or null. */
  public java.math.BigDecimal marginRatio() {
    return marginRatio;
  }

  /** The server clock shift. */
  public long clockSkewMs() {
    return clockSkewMs;
  }

  /** The acknowledgement delay. */
  public long ackDelayMs() {
    return ackDelayMs;
  }

  /**
   * A sustained outage: while on, every REST request is answered 503 before processing (the queued
   * one-shot faults are kept for later).
   */
  public void outage(boolean on) {
    this.outage = on;
  }

  /** Removes and returns the first queued REST fault that applies to {@code path}, or null. */
  RestFault takeRestFault(String path) {
    if (outage) {
      return new RestFault(Kind.SERVER_ERROR, path, 0);
    }
    for (Iterator<RestFault> it = rest.iterator(); it.hasNext(); ) {
      RestFault f = it.next();
      if (f.pathPrefix() == null || path.startsWith(f.pathPrefix())) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  /** Removes and returns the next order rejection, or null. */
  Rejection takeRejection() {
    return rejections.poll();
  }

  /** True (and consumes one) when the next fill must be split. */
  synchronized boolean takePartialFill() {
    if (partialFills > 0) {
      partialFills--;
      return true;
    }
    return false;
  }
}
