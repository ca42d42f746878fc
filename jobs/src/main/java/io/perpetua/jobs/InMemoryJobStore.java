package io.perpetua.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link JobStore} in memory, for tests and throw-away runs: nothing survives the process. Every
 * method is {@code synchronized}, so each transition is atomic. Thread-safe.
 */
public final class InMemoryJobStore implements JobStore {
  private static final Comparator<BacktestJob> OLDEST_FIRST =
      Comparator.comparing(BacktestJob::submittedAt).thenComparing(BacktestJob::id);

  private final Map<String, BacktestJob> jobs = new HashMap<>();
  private final Map<String, JobOutput> outputs = new HashMap<>();
  private final String prefix;

  /** A store of backtest jobs ({@link JobIds#PREFIX}). */
  public InMemoryJobStore() {
    this(JobIds.PREFIX);
  }

  /** A store of the jobs whose ids start with {@code idPrefix}. */
  public InMemoryJobStore(String idPrefix) {
    this.prefix = JobIds.checkPrefix(idPrefix);
  }

  @Override
  public String idPrefix() {
    return prefix;
  }

  @Override
  public synchronized void insert(BacktestJob job) {
    Objects.requireNonNull(job, "job");
    if (job.status() != JobStatus.QUEUED) {
      throw new IllegalArgumentException("a new job must be queued, was " + job.status());
    }
    if (jobs.putIfAbsent(job.id(), job) != null) {
      throw new IllegalArgumentException("job " + job.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<BacktestJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized Optional<JobOutput> output(String id) {
    return Optional.ofNullable(outputs.get(id));
  }

  @Override
  public synchronized Optional<BacktestJob> claimNext(Instant startedAt) {
    Optional<BacktestJob> next =
        jobs.values().stream().filter(j -> j.status() == JobStatus.QUEUED).min(OLDEST_FIRST);
    next.ifPresent(j -> jobs.put(j.id(), with(j, JobStatus.RUNNING, 0, startedAt, null, null)));
    return next.map(j -> jobs.get(j.id()));
  }

  @Override
  public synchronized boolean updateProgress(String id, double progress) {
    BacktestJob j = running(id);
    if (j == null) {
      return false;
    }
    double p = Math.max(j.progress(), Math.min(1, progress));
    jobs.put(id, with(j, JobStatus.RUNNING, p, j.startedAt(), null, null));
    return true;
  }

  @Override
  public synchronized boolean complete(
      String id, Metrics metrics, RunActivity activity, JobOutput output, Instant finishedAt) {
    BacktestJob j = running(id);
    if (j == null) {
      return false;
    }
    jobs.put(
        id,
        new BacktestJob(
            j.id(),
            j.owner(),
            j.apiKeyId(),
            j.request(),
            j.config(),
            JobStatus.DONE,
            1,
            j.cancelRequested(),
            j.submittedAt(),
            j.startedAt(),
            finishedAt,
            null,
            Objects.requireNonNull(metrics, "metrics"),
            Objects.requireNonNull(activity, "activity"),
            null));
    outputs.put(id, Objects.requireNonNull(output, "output"));
    return true;
  }

  @Override
  public synchronized boolean finish(
      String id, JobStatus status, String error, Instant finishedAt) {
    if (status != JobStatus.FAILED && status != JobStatus.CANCELLED) {
      throw new IllegalArgumentException("finish to failed or cancelled, not " + status);
    }
    BacktestJob j = running(id);
    if (j == null) {
      return false;
    }
    jobs.put(id, with(j, status, j.progress(), j.startedAt(), finishedAt, error));
    return true;
  }

  @Override
  public synchronized boolean cancelQueued(String id, Instant finishedAt) {
    BacktestJob j = jobs.get(id);
    if (j == null || j.status() != JobStatus.QUEUED) {
      return false;
    }
    jobs.put(id, with(j, JobStatus.CANCELLED, j.progress(), null, finishedAt, null));
    return true;
  }

  @Override
  public synchronized boolean requestCancel(String id) {
    BacktestJob j = running(id);
    if (j == null) {
      return false;
    }
    jobs.put(
        id,
        new BacktestJob(
            j.id(),
            j.owner(),
            j.apiKeyId(),
            j.request(),
            j.config(),
            j.status(),
            j.progress(),
            true,
            j.submittedAt(),
            j.startedAt(),
            null,
            null,
            null,
            null,
            null));
    return true;
  }

  @Override
  public synchronized boolean requeue(String id) {
    BacktestJob j = running(id);
    if (j == null) {
      return false;
    }
    jobs.put(id, with(j, JobStatus.QUEUED, 0, null, null, null));
    return true;
  }

  @Override
  public synchronized Recovery recoverAfterRestart(Instant now) {
    int requeued = 0;
    int cancelled = 0;
    for (BacktestJob j : new ArrayList<>(jobs.values())) {
      if (j.status() != JobStatus.RUNNING) {
        continue;
      }
      if (j.cancelRequested()) {
        jobs.put(j.id(), with(j, JobStatus.CANCELLED, j.progress(), j.startedAt(), now, null));
        cancelled++;
      } else {
        jobs.put(j.id(), with(j, JobStatus.QUEUED, 0, null, null, null));
        requeued++;
      }
    }
    return new Recovery(requeued, cancelled);
  }

  @Override
  public synchronized int countActive(String owner) {
    return (int)
        jobs.values().stream()
            .filter(j -> j.owner().equals(owner) && j.status().isActive())
            .count();
  }

  @Override
  public synchronized int count(JobStatus status) {
    return (int) jobs.values().stream().filter(j -> j.status() == status).count();
  }

  @Override
  public synchronized List<BacktestJob> list(
      String owner, Set<JobStatus> statuses, JobCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    Comparator<BacktestJob> newestFirst = OLDEST_FIRST.reversed();
    return jobs.values().stream()
        .filter(j -> owner == null || j.owner().equals(owner))
        .filter(j -> statuses.isEmpty() || statuses.contains(j.status()))
        .filter(j -> after == null || isBefore(j, after))
        .sorted(newestFirst)
        .limit(limit)
        .toList();
  }

  private static boolean isBefore(BacktestJob j, JobCursor after) {
    int c = j.submittedAt().compareTo(after.submittedAt());
    return c < 0 || (c == 0 && j.id().compareTo(after.id()) < 0);
  }

  @Override
  public synchronized int purgeOutputs(Instant cutoff, Instant purgedAt) {
    int purged = 0;
    for (BacktestJob j : new ArrayList<>(jobs.values())) {
      if (j.status() == JobStatus.DONE && !j.outputPurged() && j.finishedAt().isBefore(cutoff)) {
        outputs.remove(j.id());
        jobs.put(
            j.id(),
            new BacktestJob(
                j.id(),
                j.owner(),
                j.apiKeyId(),
                j.request(),
                j.config(),
                j.status(),
                j.progress(),
                j.cancelRequested(),
                j.submittedAt(),
                j.startedAt(),
                j.finishedAt(),
                j.error(),
                j.metrics(),
                j.activity(),
                purgedAt));
        purged++;
      }
    }
    return purged;
  }

  private BacktestJob running(String id) {
    BacktestJob j = jobs.get(id);
    return j != null && j.status() == JobStatus.RUNNING ? j : null;
  }

  private static BacktestJob with(
      BacktestJob j,
      JobStatus status,
      double progress,
      Instant startedAt,
      Instant finishedAt,
      String error) {
    return new BacktestJob(
        j.id(),
        j.owner(),
        j.apiKeyId(),
        j.request(),
        j.config(),
        status,
        progress,
        j.cancelRequested(),
        j.submittedAt(),
        startedAt,
        finishedAt,
        error,
        j.metrics(),
        j.activity(),
        j.outputPurgedAt());
  }
}
