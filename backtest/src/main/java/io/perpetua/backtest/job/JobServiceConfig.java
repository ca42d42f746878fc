package io.perpetua.backtest.job;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link JobService}. Immutable.
 *
 * @param workers jobs run at once, {@code >= 1}
 * @param maxActivePerOwner queued plus running jobs one owner may have, {@code >= 1}
 * @param retention how long after it finished a job keeps its equity curve and trades (metrics are
 *     kept forever)
 * @param purgeInterval how often the retention purge runs (it also runs at start)
 * @param progressInterval progress is written at most this often ...
 * @param progressStep ... unless it advanced by at least this much (a fraction of 1)
 * @param pollInterval how often an idle worker looks for queued jobs it was not told about (e.g.
 *     queued by another process sharing the database)
 * @param shutdownGrace how long {@link JobService#close()} waits for running jobs to stop
 */
public record JobServiceConfig(
    int workers,
    int maxActivePerOwner,
    Duration retention,
    Duration purgeInterval,
    Duration progressInterval,
    double progressStep,
    Duration pollInterval,
    Duration shutdownGrace) {
  /** The spec's limit: 5 active jobs per owner. */
  public static final int DEFAULT_MAX_ACTIVE = 5;

  /** The spec's retention: 90 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

  /** Validates. */
  public JobServiceConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    if (maxActivePerOwner < 1) {
      throw new IllegalArgumentException("maxActivePerOwner must be >= 1");
    }
    positive(retention, "retention");
    positive(purgeInterval, "purgeInterval");
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (!(progressStep > 0 && progressStep <= 1)) {
      throw new IllegalArgumentException("progressStep must be in (0, 1]");
    }
    positive(pollInterval, "pollInterval");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /**
   * Defaults: one worker per available processor, 5 active jobs per owner, 90 days retention purged
   * hourly, progress written at most every 500 ms or 1 % step, idle poll 1 s, 10 s shutdown grace.
   */
  public static JobServiceConfig defaults() {
    return new JobServiceConfig(
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        DEFAULT_MAX_ACTIVE,
        DEFAULT_RETENTION,
        Duration.ofHours(1),
        Duration.ofMillis(500),
        0.01,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10));
  }

  /** A copy with another number of workers. */
  public JobServiceConfig withWorkers(int n) {
    return new JobServiceConfig(
        n,
        maxActivePerOwner,
        retention,
        purgeInterval,
        progressInterval,
        progressStep,
        pollInterval,
        shutdownGrace);
  }

  /** A copy with another retention. */
  public JobServiceConfig withRetention(Duration d) {
    return new JobServiceConfig(
        workers,
        maxActivePerOwner,
        d,
        purgeInterval,
        progressInterval,
        progressStep,
        pollInterval,
        shutdownGrace);
  }
}
