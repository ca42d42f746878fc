package io.perpetua.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The persistent queue and record of backtest jobs (a port: in memory for tests, JDBC in the
 * platform). Every state change is a guarded transition that succeeds only from the expected status
 * and reports whether it did, so two workers (or a worker and a cancel) can never both win: above
 * all, {@link #claimNext} hands each queued job to exactly one caller.
 *
 * <p>Implementations are thread-safe. Failures of the underlying storage are runtime exceptions
 * ({@code ServiceUnavailableException} when it is unreachable).
 */
public interface JobStore {
  /** Counts of {@link #recoverAfterRestart}. */
  record Recovery(int requeued, int cancelled) {}

  /**
   * The id prefix of this store's queue ({@link JobIds#PREFIX} for backtests, {@link
   * JobIds#OPTIMIZER_PREFIX} for optimisations): new jobs get ids with it, and the queue-wide
   * operations ({@link #claimNext}, {@link #recoverAfterRestart}, {@link #countActive}, {@link
   * #list}, {@link #purgeOutputs}) see only jobs whose ids start with it.
   */
  default String idPrefix() {
    return JobIds.PREFIX;
  }

  /**
   * Stores a new job.
   *
   * @throws IllegalArgumentException if it is not queued or its id exists
   */
  void insert(BacktestJob job);

  /** The job, if it exists. */
  Optional<BacktestJob> find(String id);

  /** The equity curve and trades of a done job; empty when not done or purged. */
  Optional<JobOutput> output(String id);

  /**
   * Atomically moves the oldest queued job (by submission time, then id) to {@code running} with
   * progress 0 and start time {@code startedAt}, and returns it; empty when none is queued.
   */
  Optional<BacktestJob> claimNext(Instant startedAt);

  /**
   * Raises the progress of a running job to {@code progress} (never lowers it).
   *
   * @return false if the job is not running
   */
  boolean updateProgress(String id, double progress);

  /**
   * {@code running → done} with progress 1, the metrics, the run's activity and the output.
   *
   * @return false if the job is not running
   */
  boolean complete(
      String id, Metrics metrics, RunActivity activity, JobOutput output, Instant finishedAt);

  /**
   * {@code running → failed} (with {@code error}) or {@code running → cancelled} (error null).
   *
   * @return false if the job is not running
   */
  boolean finish(String id, JobStatus status, String error, Instant finishedAt);

  /**
   * {@code queued → cancelled}.
   *
   * @return false if the job is not queued
   */
  boolean cancelQueued(String id, Instant finishedAt);

  /**
   * Flags a running job for cancellation (so a restart cancels rather than re-runs it).
   *
   * @return false if the job is not running
   */
  boolean requestCancel(String id);

  /**
   * {@code running → queued} with progress 0 and no start time: the run was abandoned (shutdown)
   * and will start again.
   *
   * @return false if the job is not running
   */
  boolean requeue(String id);

  /**
   * At start-up, before any worker runs: every job still {@code running} was left by a process that
   * died. Those flagged for cancellation become {@code cancelled}; the others are re-queued to run
   * again from the start.
   */
  Recovery recoverAfterRestart(Instant now);

  /** The owner's queued plus running jobs. */
  int countActive(String owner);

  /** Every owner's jobs in {@code status} in this queue (the queue depth metrics). */
  int count(JobStatus status);

  /**
   * The owner's jobs, newest first (submission time, then id, both descending), without output.
   *
   * @param owner only this owner's jobs; null for every owner's
   * @param statuses only these statuses; empty for all
   * @param after continue after this position, or null from the newest
   * @param limit at most this many, {@code >= 1}
   */
  List<BacktestJob> list(String owner, Set<JobStatus> statuses, JobCursor after, int limit);

  /**
   * Deletes the output (equity curve and trades) of done jobs finished before {@code cutoff},
   * recording {@code purgedAt}; metrics are kept.
   *
   * @return the number of jobs purged now
   */
  int purgeOutputs(Instant cutoff, Instant purgedAt);
}
