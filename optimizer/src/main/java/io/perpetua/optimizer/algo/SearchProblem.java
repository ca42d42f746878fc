package io.perpetua.optimizer.algo;

import java.util.Objects;

/**
 * What a search algorithm is given: the grid levels of each dimension of the unit cube (0 for a
 * continuous one), the seed, and the evaluator that owns the trial budget. Algorithms draw every
 * random number from {@code seed}, so the same problem gives the same points in the same order.
 *
 * @param levels per dimension the number of grid levels, or 0 when continuous
 * @param seed random seed
 * @param evaluator scores points and enforces the budget
 */
public record SearchProblem(int[] levels, long seed, PointEvaluator evaluator) {
  /** Copies the levels. */
  public SearchProblem {
    levels = levels.clone();
    Objects.requireNonNull(evaluator, "evaluator");
  }

  /** Number of dimensions. */
  public int dimension() {
    return levels.length;
  }

  /** Levels of dimension {@code d} (0: continuous). */
  public int levels(int d) {
    return levels[d];
  }
}
