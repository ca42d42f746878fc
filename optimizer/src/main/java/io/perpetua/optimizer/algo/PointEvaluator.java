package io.perpetua.optimizer.algo;

import java.util.List;

/**
 * Scores points of the unit cube for a search: each point becomes one trial. Scores are maximised;
 * a rejected trial scores {@link Double#NEGATIVE_INFINITY}. The evaluator owns the trial budget: it
 * evaluates at most {@link #remaining()} more points and returns scores only for those it ran.
 */
public interface PointEvaluator {
  /**
   * Scores {@code points} in order (possibly in parallel); the result has one score per point
   * evaluated, fewer than {@code points} when the budget ran out or the search was cancelled. Each
   * score is a vector with one entry per objective (one for single-objective searches).
   */
  double[][] evaluate(List<double[]> points);

  /** Trials still allowed (0 when the budget is spent or the search was cancelled). */
  int remaining();

  /** Scores one point (its first objective), or throws {@link StopSearch} past the budget. */
  default double score(double[] point) {
    if (remaining() <= 0) {
      throw new StopSearch();
    }
    double[][] s = evaluate(List.of(point));
    if (s.length == 0) {
      throw new StopSearch();
    }
    return s[0][0];
  }
}
