package io.perpetua.optimizer.job;

import io.perpetua.core.Echo;
import io.perpetua.optimizer.Constraints;
import io.perpetua.optimizer.Objective;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.SearchSpaces;
import io.perpetua.optimizer.algo.SearchAlgorithm;
import io.perpetua.optimizer.wfo.WalkForwardSettings;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A checked optimisation: the searched space (within the strategy's declared {@link ParamSpace}),
 * the search settings, the walk-forward windows and the engine. The one validation of the CLI
 * ({@code ./perpetua optimize}) and the API ({@code POST /api/v1/optimizer/run}): every error names
 * its field ({@link InvalidOptimizationException#field()}). Immutable.
 *
 * @param space the searched space
 * @param settings algorithm, trials, seed, objectives, constraints, refinement
 * @param windows walk-forward windows
 * @param engine {@code local} or {@code spark}
 */
public record OptimizationPlan(
    ParamSpace space, SearchSettings settings, WalkForwardSettings windows, String engine) {

  /**
   * Checks a request (CLI or API): trigger, constraints, searched space (every name declared, every
   * range within its declaration), algorithm, objective, trials (1..{@code maxTrials} with refine),
   * windows, engine. The data range is checked by {@link #folds}.
   *
   * @throws InvalidOptimizationException naming the field
   */
  public static OptimizationPlan of(ParamSpace declared, OptimizationRequest r, int maxTrials) {
    checkText(r);
    if (!OptimizationRequest.TRIGGERS.contains(r.trigger())) {
      throw new InvalidOptimizationException(
          "trigger",
          "trigger: must be one of "
              + OptimizationRequest.TRIGGERS.stream().sorted().toList()
              + ", was '"
              + Echo.of(r.trigger())
              + "'");
    }
    Constraints constraints =
        field(
            "constraints",
            () ->
                new Constraints(r.maxLeverage(), r.minTrades(), r.maxTurnover(), r.maxDrawdown()));
    ParamSpace space = field("space", () -> SearchSpaces.of(declared, r.space()));
    field("algorithm", () -> SearchAlgorithm.of(r.algorithm()));
    List<Objective> objectives = field("objective", () -> Objective.parseList(r.objective()));
    int trials = r.trials();
    int refine = r.refine();
    if (trials <= 0) {
      throw new InvalidOptimizationException("trials", "trials: must be > 0, was " + trials);
    }
    if (refine < 0) {
      throw new InvalidOptimizationException("refine", "refine: must be >= 0, was " + refine);
    }
    if (trials + refine > maxTrials) {
      throw new InvalidOptimizationException(
          "trials", "trials: at most " + maxTrials + " (with refine), was " + (trials + refine));
    }
    SearchSettings settings =
        field(
            "objective",
            () ->
                new SearchSettings(
                    r.algorithm(), trials, r.seed(), objectives, constraints, refine));
    WalkForwardSettings wfo = field("windows", () -> WalkForwardSettings.parse(r.windows()));
    if (!OptimizationRequest.ENGINES.contains(r.engine())) {
      throw new InvalidOptimizationException(
          "engine",
          "engine: must be one of "
              + OptimizationRequest.ENGINES
              + ", was '"
              + Echo.of(r.engine())
              + "'");
    }
    return new OptimizationPlan(space, settings, wfo, r.engine());
  }

  /**
   * Checks the sizes of a request's text fields (before any is echoed in a message): {@code
   * strategy_id} ≤ 64 characters, {@code trigger}, {@code algorithm}, {@code engine} ≤ 32, {@code
   * windows}, {@code objective} ≤ 200, {@code space} ≤ 64 entries, each name ≤ 64 and range ≤ 200
   * and present.
   *
   * @throws InvalidOptimizationException naming the field
   */
  public static void checkText(OptimizationRequest r) {
    length("strategy_id", r.strategyId(), 64);
    length("trigger", r.trigger(), 32);
    length("algorithm", r.algorithm(), 32);
    length("engine", r.engine(), 32);
    length("windows", r.windows(), 200);
    length("objective", r.objective(), 200);
    if (r.space().size() > 64) {
      throw new InvalidOptimizationException("space", "space: at most 64 parameters");
    }
    for (var e : r.space().entrySet()) {
      length("space", e.getKey(), 64);
      if (e.getValue() == null) {
        throw new InvalidOptimizationException(
            "space",
            "space." + e.getKey() + ": a range lo:hi[:step] or a|b|c is required, not null");
      }
      length("space", e.getValue(), 200);
    }
  }

  private static void length(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidOptimizationException(
          field, field + ": at most " + max + " characters, was " + value.length());
    }
  }

  /**
   * The number of folds in {@code [start, end)}.
   *
   * @throws InvalidOptimizationException (field {@code windows}) when not even one fits
   */
  public int folds(Instant start, Instant end) {
    return field("windows", () -> windows.windows(start.toEpochMilli(), end.toEpochMilli())).size();
  }

  /** Trials of all folds (search + refinement), for progress. */
  public int totalTrials(int folds) {
    return folds * (settings.trials() + settings.refine());
  }

  private static <T> T field(String name, Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidOptimizationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidOptimizationException(name, e.getMessage());
    }
  }
}
