package io.perpetua.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobStatus;
import io.perpetua.optimizer.job.OptimizerRuns;
import io.perpetua.trading.lifecycle.CandidateGates;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.Reoptimisations;
import io.perpetua.trading.orchestrator.Orchestrator;
import io.perpetua.trading.orchestrator.OrchestratorStore;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.StrategyRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The orchestrator's job {@code reoptimisation_results}: every finished optimiser run it started
 * (owner {@value OrchestratorOptimisations#OWNER}, the last {@value #LOOK_BACK_DAYS} days) is
 * considered once by {@link Reoptimisations} — an out-of-sample pass becomes a shadow candidate, a
 * failure creates nothing — and the outcome is recorded as a run of the job (trigger {@code
 * optimiser_done}, the summary starting with the run id and saying why). A run is considered once:
 * a version made from it, or a recorded outcome, marks it done.
 */
final class ReoptimisationResults {
  /** The job's name. */
  static final String JOB = "reoptimisation_results";

  /** How far back finished runs are looked at. */
  static final int LOOK_BACK_DAYS = 7;

  private final Supplier<OptimizerRuns> runs;
  private final Supplier<LifecycleService> lifecycle;
  private final Reoptimisations.OosGate gate;

  ReoptimisationResults(
      Supplier<OptimizerRuns> runs,
      Supplier<LifecycleService> lifecycle,
      Reoptimisations.OosGate gate) {
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.gate = gate;
  }

  /** One pass at {@code nowMs}; the outcomes are recorded through {@code orchestrator}. */
  String run(long nowMs, Orchestrator orchestrator) {
    OptimizerRuns r = runs.get();
    LifecycleService l = lifecycle.get();
    if (r == null || l == null) {
      throw new Orchestrator.Skipped("the optimiser's job service or the lifecycle is not running");
    }
    Reoptimisations reopt = new Reoptimisations(l, gate);
    List<String> recorded = recordedRuns(orchestrator.store());
    List<String> out = new ArrayList<>();
    for (BacktestJob job :
        r.list(OrchestratorOptimisations.OWNER, Set.of(JobStatus.DONE), null, 100)) {
      if (job.finishedAt() == null
          || job.finishedAt().toEpochMilli() < nowMs - LOOK_BACK_DAYS * 86_400_000L
          || recorded.contains(job.id())) {
        continue;
      }
      Reoptimisations.Finished f = finished(job, r.file(job.id(), "result.json"));
      if (reopt.hasVersionFrom(f.strategy(), f.runId())) {
        continue;
      }
      Reoptimisations.Outcome o;
      try {
        o = reopt.consider(f);
      } catch (RuntimeException e) { // e.g. a strategy no longer configured
        o =
            new Reoptimisations.Outcome(
                job.id(), f.strategy(), null, job.id() + ": " + e.getMessage());
      }
      orchestrator.recordEvent(JOB, "optimiser_done", nowMs, o.summary());
      out.add(o.summary());
    }
    return out.isEmpty() ? "no new finished re-optimisation" : String.join(" | ", out);
  }

  private static List<String> recordedRuns(OrchestratorStore store) {
    List<String> ids = new ArrayList<>();
    for (OrchestratorStore.Run run : store.runs(JOB, 1000, Long.MAX_VALUE)) {
      int colon = run.summary().indexOf(':');
      if ("optimiser_done".equals(run.trigger()) && colon > 0) {
        ids.add(run.summary().substring(0, colon));
      }
    }
    return ids;
  }

  /** The run's best parameters and out-of-sample statistics from its stored {@code result.json}. */
  static Reoptimisations.Finished finished(BacktestJob job, Optional<Path> resultJson) {
    String strategy = job.request().strategy();
    double sharpe = job.metrics() == null ? Double.NaN : job.metrics().sharpe();
    if (resultJson.isEmpty()) {
      return new Reoptimisations.Finished(
          job.id(), strategy, Map.of(), Double.NaN, Double.NaN, sharpe);
    }
    try {
      return finished(
          job.id(), strategy, sharpe, new ObjectMapper().readTree(resultJson.get().toFile()));
    } catch (IOException e) {
      return new Reoptimisations.Finished(
          job.id(), strategy, Map.of(), Double.NaN, Double.NaN, sharpe);
    }
  }

  /**
   * From a {@code result.json}: {@code best_params} (each its {@code value}) and the last fold's
   * (the one that chose them) {@code overfitting.dsr} and {@code .pbo}.
   */
  static Reoptimisations.Finished finished(
      String runId, String strategy, double oosSharpe, JsonNode result) {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> best = new LinkedHashMap<>();
    JsonNode params = result.path("best_params");
    params
        .properties()
        .forEach(
            e ->
                best.put(
                    e.getKey(),
                    mapper.convertValue(
                        e.getValue().has("value") ? e.getValue().get("value") : e.getValue(),
                        Object.class)));
    JsonNode folds = result.path("folds");
    JsonNode overfit =
        folds.isArray() && !folds.isEmpty()
            ? folds.get(folds.size() - 1).path("overfitting")
            : mapper.createObjectNode();
    return new Reoptimisations.Finished(
        runId, strategy, best, number(overfit.path("dsr")), number(overfit.path("pbo")), oosSharpe);
  }

  /**
   * The reference daily returns of a candidate for the KS gate: the stitched out-of-sample curve of
   * the optimiser run that made it (its last value per UTC day), else the stable version's own live
   * daily returns (its virtual book's NAV) — a hand-made candidate has no backtest of its own.
   */
  CandidateGates.Reference reference(StrategyRegistry registry) {
    return v -> {
      OptimizerRuns r = runs.get();
      if (v.optimiserRunId() != null && r != null) {
        Optional<Path> json = r.file(v.optimiserRunId(), "result.json");
        if (json.isPresent()) {
          try {
            double[] oos = dailyReturns(new ObjectMapper().readTree(json.get().toFile()));
            if (oos.length >= 2) {
              return oos;
            }
          } catch (IOException e) {
            // fall back to the stable version's record
          }
        }
      }
      List<NavPoint> navs = registry.navs(v.strategy(), Long.MIN_VALUE);
      double[] out = new double[Math.max(0, navs.size() - 1)];
      for (int i = 1; i < navs.size(); i++) {
        out[i - 1] = navs.get(i).nav() / navs.get(i - 1).nav() - 1;
      }
      return out;
    };
  }

  /** The daily returns of a {@code result.json}'s {@code oos_equity} (last value per UTC day). */
  static double[] dailyReturns(JsonNode result) {
    JsonNode times = result.path("oos_equity").path("times");
    JsonNode equity = result.path("oos_equity").path("equity");
    List<Double> closes = new ArrayList<>();
    String day = null;
    for (int i = 0; i < Math.min(times.size(), equity.size()); i++) {
      String d = times.get(i).asText().substring(0, 10);
      if (d.equals(day)) {
        closes.set(closes.size() - 1, equity.get(i).asDouble());
      } else {
        closes.add(equity.get(i).asDouble());
        day = d;
      }
    }
    double[] out = new double[Math.max(0, closes.size() - 1)];
    for (int i = 1; i < closes.size(); i++) {
      out[i - 1] = closes.get(i) / closes.get(i - 1) - 1;
    }
    return out;
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
