package io.perpetua.server.obs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perpetua.backtest.job.JobService;
import io.perpetua.jobs.JobStatus;
import java.util.function.Supplier;

/**
 * Job queue depth: the gauges {@code perpetua_jobs_queued{queue}} and {@code
 * perpetua_jobs_running{queue}} of a job service (backtests, optimisations), read from its store at
 * each scrape; 0 while the service is not open.
 */
public final class JobQueueMetrics {
  private static final JobStatus QUEUED = JobStatus.QUEUED;
  private static final JobStatus RUNNING = JobStatus.RUNNING;

  private JobQueueMetrics() {}

  /**
   * Registers the gauges of the queue {@code queue} (e.g. {@code backtest}).
   *
   * @param service the service, or null before it opened
   */
  public static void register(MeterRegistry registry, String queue, Supplier<JobService> service) {
    gauge(registry, "perpetua.jobs.queued", "Jobs waiting for a worker", queue, service, QUEUED);
    gauge(registry, "perpetua.jobs.running", "Jobs running now", queue, service, RUNNING);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      String queue,
      Supplier<JobService> service,
      JobStatus status) {
    Gauge.builder(
            name,
            () -> {
              JobService s = service.get();
              try {
                return s == null ? 0 : s.count(status);
              } catch (RuntimeException e) {
                return Double.NaN; // the database is unreachable: no reading, not a zero
              }
            })
        .description(description)
        .tag("queue", queue)
        .register(registry);
  }
}
