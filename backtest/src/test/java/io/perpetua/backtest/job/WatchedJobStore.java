package io.perpetua.backtest.job;

import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.JobStore;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link JobStore} decorator for tests: records every progress write and lets a test wait (with a
 * timeout) until a condition on the store holds, woken by every write.
 */
final class WatchedJobStore implements JobStore {
  private final JobStore delegate;
  private final Object monitor = new Object();
  final Map<String, List<Double>> progressWrites = new ConcurrentHashMap<>();

  WatchedJobStore(JobStore delegate) {
    this.delegate = delegate;
  }

  /** Waits up to 10 s until {@code condition} holds. */
  void await(String what, Predicate<JobStore> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (monitor) {
      while (!condition.test(delegate)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what);
        }
        monitor.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits until job {@code id} has {@code status}, and returns it. */
  BacktestJob awaitStatus(String id, JobStatus status) throws InterruptedException {
    await(id + " " + status.code(), s -> s.find(id).orElseThrow().status() == status);
    return delegate.find(id).orElseThrow();
  }

  private <T> T changed(T value) {
    synchronized (monitor) {
      monitor.notifyAll();
    }
    return value;
  }

  @Override
  public void insert(BacktestJob job) {
    delegate.insert(job);
    changed(job);
  }

  @Override
  public Optional<BacktestJob> find(String id) {
    return delegate.find(id);
  }

  @Override
  public Optional<JobOutput> output(String id) {
    return delegate.output(id);
  }

  @Override
  public Optional<BacktestJob> claimNext(Instant startedAt) {
    return changed(delegate.claimNext(startedAt));
  }

  @Override
  public boolean updateProgress(String id, double progress) {
    progressWrites.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(progress);
    return changed(delegate.updateProgress(id, progress));
  }

  @Override
  public boolean complete(
      String id, Metrics metrics, RunActivity activity, JobOutput output, Instant finishedAt) {
    return changed(delegate.complete(id, metrics, activity, output, finishedAt));
  }

  @Override
  public boolean finish(String id, JobStatus status, String error, Instant finishedAt) {
    return changed(delegate.finish(id, status, error, finishedAt));
  }

  @Override
  public boolean cancelQueued(String id, Instant finishedAt) {
    return changed(delegate.cancelQueued(id, finishedAt));
  }

  @Override
  public boolean requestCancel(String id) {
    return changed(delegate.requestCancel(id));
  }

  @Override
  public boolean requeue(String id) {
    return changed(delegate.requeue(id));
  }

  @Override
  public Recovery recoverAfterRestart(Instant now) {
    return changed(delegate.recoverAfterRestart(now));
  }

  @Override
  public int countActive(String owner) {
    return delegate.countActive(owner);
  }

  @Override
  public int count(JobStatus status) {
    return delegate.count(status);
  }

  @Override
  public List<BacktestJob> list(String owner, Set<JobStatus> statuses, JobCursor after, int limit) {
    return delegate.list(owner, statuses, after, limit);
  }

  @Override
  public int purgeOutputs(Instant cutoff, Instant purgedAt) {
    return changed(delegate.purgeOutputs(cutoff, purgedAt));
  }
}
