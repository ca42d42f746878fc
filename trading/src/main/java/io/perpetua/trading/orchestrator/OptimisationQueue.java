package io.perpetua.trading.orchestrator;

import java.util.ArrayList;
import java.util.List;

/**
 * Where re-optimisations are queued (the seam to the optimiser's task API). The platform's
 * implementation hands the task to the optimiser; {@link #recording()} keeps them in memory.
 */
@FunctionalInterface
public interface OptimisationQueue {
  /**
   * Queues {@code task}.
   *
   * @return the queued task's id, or a text saying why nothing was queued
   */
  String enqueue(OptimiserTask task);

  /** A queue that keeps its tasks in memory ({@link Recording#tasks()}). Thread-safe. */
  static Recording recording() {
    return new Recording();
  }

  /** The in-memory queue: tasks get ids {@code opt-1}, {@code opt-2}, ... */
  final class Recording implements OptimisationQueue {
    private final List<OptimiserTask> tasks = new ArrayList<>();

    @Override
    public synchronized String enqueue(OptimiserTask task) {
      tasks.add(task);
      return "opt-" + tasks.size();
    }

    /** The tasks queued so far, oldest first. */
    public synchronized List<OptimiserTask> tasks() {
      return List.copyOf(tasks);
    }
  }
}
