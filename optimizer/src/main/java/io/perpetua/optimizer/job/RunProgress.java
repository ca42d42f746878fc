package io.perpetua.optimizer.job;

import io.perpetua.optimizer.Trial;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live progress of the optimisation runs this process is executing: trials done of the total,
 * the best objective so far (of the current fold) and the elapsed time, from which an ETA follows.
 * The job store keeps only the fraction done (it survives restarts); the rest lives here while the
 * run runs. Thread-safe.
 */
public final class RunProgress {
  /**
   * One run's progress.
   *
   * @param done trials done (all folds)
   * @param total trials planned (all folds, refinement included)
   * @param fold the fold being searched (0-based)
   * @param bestSoFar best first-objective score of the current fold, NaN before an accepted trial
   * @param elapsedMs since the run started
   */
  public record Snapshot(int done, int total, int fold, double bestSoFar, long elapsedMs) {
    /** Fraction done, 0..1. */
    public double fraction() {
      return total <= 0 ? 0 : Math.min(1, (double) done / total);
    }

    /** Estimated milliseconds left (linear in trials), or -1 before the first trial. */
    public long etaMs() {
      return done <= 0 ? -1 : Math.round((double) elapsedMs * (total - done) / done);
    }
  }

  private static final class Live {
    final int total;
    final long startedNanos = System.nanoTime();
    int done;
    int fold;
    double best = Double.NaN;

    Live(int total) {
      this.total = total;
    }
  }

  private final Map<String, Live> runs = new ConcurrentHashMap<>();

  /** A run starts with {@code total} trials planned. */
  public void start(String id, int total) {
    runs.put(id, new Live(total));
  }

  /** A trial of fold {@code fold} finished; returns the fraction done. */
  public double trial(String id, int fold, Trial trial) {
    Live l = runs.get(id);
    if (l == null) {
      return 0;
    }
    synchronized (l) {
      if (fold != l.fold) {
        l.fold = fold;
        l.best = Double.NaN;
      }
      l.done++;
      if (trial.accepted() && Double.isFinite(trial.score()) && !(trial.score() <= l.best)) {
        l.best = trial.score();
      }
      return l.total <= 0 ? 0 : Math.min(1, (double) l.done / l.total);
    }
  }

  /** The run ended (any way). */
  public void end(String id) {
    runs.remove(id);
  }

  /** The progress of run {@code id} if this process is running it. */
  public Optional<Snapshot> get(String id) {
    Live l = runs.get(id);
    if (l == null) {
      return Optional.empty();
    }
    synchronized (l) {
      return Optional.of(
          new Snapshot(
              l.done, l.total, l.fold, l.best, (System.nanoTime() - l.startedNanos) / 1_000_000));
    }
  }
}
