package io.perpetua.venue.binance;

import io.perpetua.trading.port.VenueMeter;
import java.net.http.HttpResponse;

/**
 * The REST client's metering: feeds the weight limiter with the venue's {@code
 * X-MBX-USED-WEIGHT-1M} header and reports every request's endpoint, status and latency and the
 * used weight to a {@link VenueMeter}. Thread-safe.
 */
final class RestMetering {
  static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

  private final RequestWeightLimiter limiter;
  private final VenueMeter meter;

  RestMetering(RequestWeightLimiter limiter, VenueMeter meter) {
    this.limiter = limiter;
    this.meter = meter;
  }

  /** Where the measurements go. */
  VenueMeter meter() {
    return meter;
  }

  /** A response to {@code endpoint} (method and path) sent at {@code sentNanos} arrived. */
  void responded(String endpoint, HttpResponse<?> response, long sentNanos) {
    meter.request(endpoint, response.statusCode(), System.nanoTime() - sentNanos);
    response
        .headers()
        .firstValue(USED_WEIGHT_HEADER)
        .ifPresent(
            v -> {
              limiter.onUsedWeight(parseIntOr(v, limiter.used()));
              meter.usedWeight(limiter.used());
            });
  }

  /** The request to {@code endpoint} sent at {@code sentNanos} got no response. */
  void failed(String endpoint, long sentNanos) {
    meter.request(endpoint, 0, System.nanoTime() - sentNanos);
  }

  static int parseIntOr(String v, int fallback) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
