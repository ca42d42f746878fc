package io.perpetua.optimizer;

import io.perpetua.optimizer.algo.SearchAlgorithm;
import java.util.List;
import java.util.Objects;

/**
 * How one search runs: algorithm, trial budget, seed, objectives (several only for a
 * multi-objective algorithm), constraints, and how many Nelder–Mead trials refine the best points
 * afterwards. Validated; immutable.
 *
 * @param algorithm algorithm name ({@link SearchAlgorithm#NAMES})
 * @param trials trials of the main search, {@code 1..maxTrials}
 * @param seed random seed
 * @param objectives what is maximised
 * @param constraints what rejects a trial
 * @param refine extra Nelder–Mead trials from the best points (0: none)
 */
public record SearchSettings(
    String algorithm,
    int trials,
    long seed,
    List<Objective> objectives,
    Constraints constraints,
    int refine) {
  /** Validates everything but the maximum trial count (see {@link #check}). */
  public SearchSettings {
    SearchAlgorithm algo = SearchAlgorithm.of(algorithm);
    algorithm = algo.name();
    objectives = List.copyOf(objectives);
    Objects.requireNonNull(constraints, "constraints");
    if (objectives.isEmpty()) {
      throw new IllegalArgumentException("objective: at least one is required");
    }
    if (!algo.multiObjective() && objectives.size() > 1) {
      throw new IllegalArgumentException(
          "objective: " + algorithm + " optimises one objective; several need nsga2");
    }
    if (algo.multiObjective() && objectives.size() < 2) {
      throw new IllegalArgumentException(
          "objective: nsga2 needs at least two, comma-separated (e.g. sharpe,max_dd)");
    }
    if (trials <= 0) {
      throw new IllegalArgumentException("trials: must be > 0, was " + trials);
    }
    if (refine < 0) {
      throw new IllegalArgumentException("refine: must be >= 0, was " + refine);
    }
  }

  /** Checks the trial budget against the configured maximum. */
  public SearchSettings check(int maxTrials) {
    if (trials + refine > maxTrials) {
      throw new IllegalArgumentException(
          "trials: at most " + maxTrials + " (with refine), was " + (trials + refine));
    }
    return this;
  }

  /** The algorithm. */
  public SearchAlgorithm search() {
    return SearchAlgorithm.of(algorithm);
  }
}
