package io.perpetua.optimizer.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grid search: every combination of the discrete levels, continuous dimensions cut into as many
 * evenly spaced levels (ends included) as the budget allows. When the grid has more points than the
 * budget, a seeded sample of its points (without repetition) is run.
 */
public final class GridSearch implements SearchAlgorithm {
  @Override
  public String name() {
    return "grid";
  }

  @Override
  public void search(SearchProblem problem) {
    int budget = problem.evaluator().remaining();
    int[] counts = counts(problem, budget);
    long total = 1;
    for (int c : counts) {
      total = Math.min(Long.MAX_VALUE / 1_000_000, total * c);
    }
    List<double[]> points = new ArrayList<>();
    if (total <= budget) {
      for (long i = 0; i < total; i++) {
        points.add(point(problem, counts, i));
      }
    } else {
      SplittableRandom random = new SplittableRandom(problem.seed());
      java.util.Set<Long> seen = new java.util.HashSet<>();
      while (points.size() < budget) {
        long i = random.nextLong(total);
        if (seen.add(i)) {
          points.add(point(problem, counts, i));
        }
      }
    }
    problem.evaluator().evaluate(points);
  }

  /** Levels per dimension: discrete ones as declared, continuous ones sharing the budget. */
  static int[] counts(SearchProblem problem, int budget) {
    int d = problem.dimension();
    long discrete = 1;
    int continuous = 0;
    for (int i = 0; i < d; i++) {
      if (problem.levels(i) > 0) {
        discrete = Math.min(1L << 40, discrete * problem.levels(i));
      } else {
        continuous++;
      }
    }
    int perContinuous =
        continuous == 0
            ? 0
            : Math.max(
                2,
                (int)
                    Math.floor(
                        Math.pow(Math.max(1.0, budget / (double) discrete), 1.0 / continuous)
                            + 1e-9));
    int[] counts = new int[d];
    for (int i = 0; i < d; i++) {
      counts[i] = problem.levels(i) > 0 ? problem.levels(i) : perContinuous;
    }
    return counts;
  }

  private static double[] point(SearchProblem problem, int[] counts, long index) {
    double[] u = new double[counts.length];
    long rest = index;
    for (int i = counts.length - 1; i >= 0; i--) {
      int k = (int) (rest % counts[i]);
      rest /= counts[i];
      u[i] =
          problem.levels(i) > 0
              ? (k + 0.5) / counts[i]
              : counts[i] == 1 ? 0.5 : k / (double) (counts[i] - 1);
    }
    return u;
  }
}
