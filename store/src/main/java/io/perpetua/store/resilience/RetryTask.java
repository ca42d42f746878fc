package io.perpetua.store.resilience;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task run on its own daemon thread every {@code every} (after each run) until closed. */
final class RetryTask implements AutoCloseable {
  private final ScheduledExecutorService executor;

  RetryTask(String threadName, Duration every, Runnable task) {
    long everyMs = every.toMillis();
    if (everyMs < 1) {
      throw new IllegalArgumentException("retry period must be positive, was " + every);
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name(threadName).unstarted(r));
    executor.scheduleWithFixedDelay(task, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /** Stops the task, waiting up to 5 s for a run in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
