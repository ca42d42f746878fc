package io.perpetua.backtest.job;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Runs one claimed job of a {@link JobService} synchronously: a backtest ({@link
 * #of(BacktestRunner)}) or another kind of job stored in the same queue mechanism (an
 * optimisation). Same contract as {@link BacktestRunner}: {@link IllegalArgumentException} fails
 * the job with its message, {@link io.perpetua.backtest.BacktestCancelledException} ends it when
 * {@code cancelled} turned true. Implementations are thread-safe.
 */
@FunctionalInterface
public interface JobRunner {
  /**
   * What a finished job records.
   *
   * @param metrics its metrics
   * @param activity what it did
   * @param output its equity curve and trades
   */
  record Outcome(Metrics metrics, RunActivity activity, JobOutput output) {
    /** Validates. */
    public Outcome {
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(activity, "activity");
      Objects.requireNonNull(output, "output");
    }
  }

  /** Runs {@code job}, reporting progress 0..1, stopping when {@code cancelled} turns true. */
  Outcome run(BacktestJob job, DoubleConsumer progress, BooleanSupplier cancelled);

  /** The runner of backtest jobs: {@code runner} on the job's request. */
  static JobRunner of(BacktestRunner runner) {
    Objects.requireNonNull(runner, "runner");
    return (job, progress, cancelled) -> {
      BacktestResult r = runner.run(job.request(), progress, cancelled);
      Metrics metrics = Objects.requireNonNull(r.metrics(), "result metrics");
      return new Outcome(metrics, r.activity(), new JobOutput(r.equity(), r.trades()));
    };
  }
}
