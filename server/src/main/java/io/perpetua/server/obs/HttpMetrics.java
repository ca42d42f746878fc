package io.perpetua.server.obs;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * HTTP latency histograms per route: the timer {@code perpetua.http.server.requests} (Prometheus
 * {@code perpetua_http_server_requests_seconds_bucket}), tagged with the method, the route's path
 * template (never the raw path, so ids do not multiply the series; {@code unmatched} for paths no
 * route matches) and the status. Thread-safe.
 */
public final class HttpMetrics implements RequestObserver {
  /** The timer's name. */
  public static final String NAME = "perpetua.http.server.requests";

  private final MeterRegistry registry;

  /** HTTP metrics in {@code registry}. */
  public HttpMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void finished(Context ctx, String route, double millis) {
    Timer.builder(NAME)
        .description("HTTP requests by route: latency histogram")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(Math.round(millis * 1_000_000.0), TimeUnit.NANOSECONDS);
  }
}
