package io.perpetua.server.obs;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.DoubleSupplier;

/**
 * The platform's metric registry, exposed in the Prometheus text format at {@code /metrics} ({@link
 * MetricsEndpoint}): JVM (memory, GC, threads, class loading), process (CPU, uptime), and whatever
 * the platform registers (HTTP latency by route, kernel steps, orders, fills, rejections by rule,
 * venue request weight and latency, WebSocket reconnects, job queue depth, data freshness per
 * symbol). Meter names are documented in docs/metrics.md. Thread-safe.
 */
public final class PlatformMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** A registry with the JVM and process meters bound. */
  public PlatformMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The registry to register meters with. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Registers a gauge read from {@code value} at each scrape (e.g. the job queue depth).
   *
   * @param name dotted meter name, e.g. {@code perpetua.jobs.queued}
   * @param description help text
   * @param value read at scrape time; must be quick and thread-safe
   */
  public void gauge(String name, String description, DoubleSupplier value) {
    Gauge.builder(name, value::getAsDouble).description(description).register(registry);
  }

  /**
   * Registers a counter whose value is read from {@code count} at each scrape (a total kept
   * elsewhere, e.g. a connection's reconnects).
   *
   * @param name dotted meter name; Prometheus adds {@code _total}
   * @param description help text
   * @param count monotonic, read at scrape time
   * @param tags alternating tag keys and values
   */
  public void counter(String name, String description, DoubleSupplier count, String... tags) {
    FunctionCounter.builder(name, count, DoubleSupplier::getAsDouble)
        .description(description)
        .tags(tags)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
