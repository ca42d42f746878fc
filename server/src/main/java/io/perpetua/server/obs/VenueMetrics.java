package io.perpetua.server.obs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perpetua.trading.port.VenueMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One venue's meters, fed by its adapter as a {@link VenueMeter}: the request latency histogram per
 * endpoint and status ({@code perpetua_venue_request_seconds}), the request weight used in the
 * venue's current window ({@code perpetua_venue_request_weight_used}) and the reconnects per stream
 * ({@code perpetua_venue_stream_reconnects_total}), all tagged with the venue. Meters are created
 * once per endpoint/status/stream and cached. Thread-safe.
 */
public final class VenueMetrics implements VenueMeter {
  private final MeterRegistry registry;
  private final String venue;
  private final AtomicInteger weight = new AtomicInteger();
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> reconnects = new ConcurrentHashMap<>();

  /** Meters of {@code venue} (e.g. {@code binance}) in {@code registry}. */
  public VenueMetrics(MeterRegistry registry, String venue) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.venue = Objects.requireNonNull(venue, "venue");
    Gauge.builder("perpetua.venue.request.weight.used", weight, AtomicInteger::get)
        .description("Request weight the venue reports used in its current window")
        .tag("venue", venue)
        .register(registry);
  }

  @Override
  public void request(String endpoint, int status, long nanos) {
    requests
        .computeIfAbsent(
            endpoint + ' ' + status,
            k ->
                Timer.builder("perpetua.venue.request")
                    .description("Venue REST requests by endpoint and status: latency histogram")
                    .tag("venue", venue)
                    .tag("endpoint", endpoint)
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void usedWeight(int used) {
    weight.set(used);
  }

  @Override
  public void reconnected(String stream) {
    reconnects
        .computeIfAbsent(
            stream,
            s ->
                Counter.builder("perpetua.venue.stream.reconnects")
                    .description("Venue WebSocket streams connected again after a drop or rotation")
                    .tag("venue", venue)
                    .tag("stream", s)
                    .register(registry))
        .increment();
  }
}
