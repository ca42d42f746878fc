package io.perpetua.app.cli;

import io.perpetua.optimizer.OverfitStatistics;
import io.perpetua.optimizer.Trial;
import io.perpetua.optimizer.report.OptimizationReport;
import io.perpetua.optimizer.wfo.Fold;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The optimiser's progress on stderr (trials done of all folds, best so far of the current fold,
 * ETA from the rate so far) and its summary table on stdout. Not thread-safe: the search reports
 * trials from one thread.
 */
final class OptimizeProgress {
  private final long total;
  private final long started = System.nanoTime();
  private final ProgressBar bar = new ProgressBar(System.err, "optimize");
  private long done;
  private int fold = -1;
  private double best = Double.NaN;

  OptimizeProgress(long total) {
    this.total = total;
  }

  /** The optimiser's worker threads: named, daemon, apart from the kernel's and the API's. */
  static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "optimizer-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  void onTrial(int foldIndex, Trial t) {
    if (foldIndex != fold) {
      fold = foldIndex;
      best = Double.NaN;
    }
    done++;
    if (t.accepted() && Double.isFinite(t.score()) && !(t.score() <= best)) {
      best = t.score();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double eta = done == 0 ? 0 : seconds / done * (total - done);
    bar.onProgress(
        done, total, String.format(Locale.ROOT, "fold %d best %.3f ETA %.0fs", fold, best, eta));
  }

  static void summary(OptimizationReport r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%s %s, %d trials in %d folds, %.1f s (%.2f trials/s)%n",
        r.request().strategy(),
        r.settings().algorithm(),
        r.totalTrials(),
        r.result().folds().size(),
        r.elapsedMs() / 1000.0,
        r.totalTrials() / Math.max(1e-3, r.elapsedMs() / 1000.0));
    out.printf(
        "%-5s %-12s %-12s %9s %9s %9s %7s %7s %7s  %s%n",
        "fold",
        "train from",
        "forward to",
        "IS sharpe",
        "OOS shrp",
        "OOS cagr",
        "PSR",
        "DSR",
        "PBO",
        "chosen");
    for (Fold f : r.result().folds()) {
      OverfitStatistics s = r.statistics().get(f.index());
      out.printf(
          Locale.ROOT,
          "%-5d %-12s %-12s %9.3f %9.3f %8.2f%% %7.3f %7.3f %7.3f  %s%n",
          f.index(),
          java.time.Instant.ofEpochMilli(f.window().trainStart()).toString().substring(0, 10),
          java.time.Instant.ofEpochMilli(f.window().forwardEnd()).toString().substring(0, 10),
          f.inSample() == null ? Double.NaN : f.inSample().sharpe(),
          f.outOfSample() == null ? Double.NaN : f.outOfSample().sharpe(),
          f.outOfSample() == null ? Double.NaN : 100 * f.outOfSample().cagr(),
          s.psr(),
          s.dsr(),
          s.pbo(),
          f.chosen());
    }
    out.printf(
        Locale.ROOT,
        "walk-forward efficiency %.3f, OOS CAGR %.2f%%, best_params %s%n",
        r.result().efficiency(),
        100 * r.result().outOfSampleCagr(),
        r.bestParams());
  }
}
