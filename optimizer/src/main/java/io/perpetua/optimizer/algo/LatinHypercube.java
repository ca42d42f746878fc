package io.perpetua.optimizer.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Latin hypercube sampling: with n trials each dimension is cut into n equal strata and every
 * stratum of every dimension holds exactly one point (strata paired by seeded permutations, the
 * point placed at random inside its cell).
 */
public final class LatinHypercube implements SearchAlgorithm {
  @Override
  public String name() {
    return "lhs";
  }

  @Override
  public void search(SearchProblem problem) {
    problem
        .evaluator()
        .evaluate(sample(problem.dimension(), problem.evaluator().remaining(), problem.seed()));
  }

  /** {@code n} Latin-hypercube points in {@code d} dimensions. */
  static List<double[]> sample(int d, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] points = new double[n][d];
    for (int i = 0; i < d; i++) {
      int[] perm = new int[n];
      for (int k = 0; k < n; k++) {
        perm[k] = k;
      }
      for (int k = n - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
      }
      for (int k = 0; k < n; k++) {
        points[k][i] = (perm[k] + random.nextDouble()) / n;
      }
    }
    List<double[]> out = new ArrayList<>(n);
    for (double[] p : points) {
      out.add(p);
    }
    return out;
  }
}
