package io.perpetua.trading.testing;

import io.perpetua.trading.flow.live.FlowLiveTimer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link FlowLiveTimer} whose time moves only when a test says so ({@link #advance}): tasks due
 * by then run on the calling thread, in due order. Thread-safe.
 */
public final class ManualTimer implements FlowLiveTimer {
  private record Task(long dueMs, long seq, Runnable task) {}

  private final List<Task> tasks = new ArrayList<>();
  private long nowMs;
  private long seq;

  @Override
  public synchronized void schedule(Runnable task, long delayMs) {
    tasks.add(new Task(nowMs + delayMs, seq++, task));
  }

  /** Moves time by {@code ms} and runs every task due by then. */
  public void advance(long ms) {
    long until;
    synchronized (this) {
      nowMs += ms;
      until = nowMs;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> t.dueMs() <= until)
                .min(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::seq))
                .orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.task().run();
    }
  }

  /** Tasks not run yet. */
  public synchronized int pending() {
    return tasks.size();
  }
}
