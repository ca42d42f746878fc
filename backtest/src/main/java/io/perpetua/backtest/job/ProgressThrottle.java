package io.perpetua.backtest.job;

import io.perpetua.core.time.Clock;
import io.perpetua.jobs.JobStore;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress callback handed to the runner for one job: keeps progress monotonic (lower values
 * and NaN are ignored, values are clamped to [0, 1]) and writes it to the store only when it
 * advanced by at least the step, or when the interval passed since the last write. A failed write
 * is logged and skipped; the run goes on. Thread-safe (the runner may report from several threads).
 */
final class ProgressThrottle implements DoubleConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressThrottle.class);

  private final String jobId;
  private final JobStore store;
  private final Clock clock;
  private final long intervalMs;
  private final double step;
  private double written;
  private long writtenAtMs;

  ProgressThrottle(String jobId, JobStore store, Clock clock, long intervalMs, double step) {
    this.jobId = jobId;
    this.store = store;
    this.clock = clock;
    this.intervalMs = intervalMs;
    this.step = step;
    this.writtenAtMs = clock.nowMillis();
  }

  @Override
  public synchronized void accept(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    double p = Math.min(1, Math.max(0, value));
    if (p <= written) {
      return;
    }
    long now = clock.nowMillis();
    if (p - written < step && now - writtenAtMs < intervalMs) {
      return;
    }
    try {
      store.updateProgress(jobId, p);
      written = p;
      writtenAtMs = now;
    } catch (RuntimeException e) {
      LOG.warn("progress of {} not written: {}", jobId, e.getMessage());
    }
  }
}
