package io.perpetua.app;

import io.perpetua.backtest.job.RateLimitedException;
import io.perpetua.optimizer.job.InvalidOptimizationException;
import io.perpetua.optimizer.job.OptimizationRequest;
import io.perpetua.optimizer.job.OptimizerRuns;
import io.perpetua.trading.orchestrator.OptimisationQueue;
import io.perpetua.trading.orchestrator.OptimiserTask;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The orchestrator's optimiser tasks as runs of the optimiser's job service (issue 17 item 4 →
 * issue 16 item 6): each task becomes a walk-forward run owned by {@value #OWNER} — TPE, {@value
 * #TRIALS} trials per fold, windows {@code train=<train>d,validate=<validate>d,step=<validate>d}
 * over the end of the data, long enough for {@value #FORWARD_WINDOWS} folds (train + validate + 4
 * forward windows, so a daily task stays a bounded piece of work), the strategy's whole declared
 * space, the task's objective and its drawdown constraint, seeded with the task's time. What could
 * not be queued (the service not running, the owner's limit of active runs, a strategy the
 * optimiser does not know) is answered with {@code not queued: <reason>}, which the orchestrator's
 * run records.
 */
final class OrchestratorOptimisations implements OptimisationQueue {
  /** The owner of the runs the orchestrator starts. */
  static final String OWNER = "system:orchestrator";

  /** Trials per fold. */
  static final int TRIALS = 50;

  /** Forward windows each run covers, counted back from the end of the data. */
  static final int FORWARD_WINDOWS = 4;

  private final Supplier<OptimizerRuns> runs;

  OrchestratorOptimisations(Supplier<OptimizerRuns> runs) {
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  @Override
  public String enqueue(OptimiserTask task) {
    OptimizerRuns r = runs.get();
    if (r == null) {
      return "not queued: the optimiser's job service is not running";
    }
    Instant end = r.dataEnd().orElse(null);
    if (end == null) {
      return "not queued: no data to optimise on";
    }
    try {
      return r.submit(OWNER, request(task, end)).id();
    } catch (InvalidOptimizationException | RateLimitedException e) {
      return "not queued: " + e.getMessage();
    }
  }

  /** The run request of {@code task} over data that ends (exclusive) at {@code dataEnd}. */
  static OptimizationRequest request(OptimiserTask task, Instant dataEnd) {
    LocalDate endDay = dataEnd.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate startDay =
        endDay.minusDays(task.trainDays() + (FORWARD_WINDOWS + 1L) * task.validateDays() - 1L);
    Double maxDrawdown = task.constraints().get("max_drawdown");
    return new OptimizationRequest(
        task.strategy(),
        trigger(task.trigger()),
        "train="
            + task.trainDays()
            + "d,validate="
            + task.validateDays()
            + "d,step="
            + task.validateDays()
            + "d",
        task.objective(),
        "tpe",
        Map.of(),
        TRIALS,
        task.requestedAtMs(),
        "local",
        0,
        List.of(),
        startDay,
        endDay,
        null,
        null,
        null,
        maxDrawdown);
  }

  /** The optimiser's trigger word for an orchestrator trigger. */
  static String trigger(String orchestratorTrigger) {
    if (orchestratorTrigger.startsWith("schedule")) {
      return "schedule";
    }
    if (orchestratorTrigger.startsWith("vol")) {
      return "volatility";
    }
    if (orchestratorTrigger.startsWith("correlation")) {
      return "correlation";
    }
    return "performance";
  }
}
