package io.perpetua.optimizer.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Uniform random points of the unit cube, from the seed. */
public final class RandomSearch implements SearchAlgorithm {
  @Override
  public String name() {
    return "random";
  }

  @Override
  public void search(SearchProblem problem) {
    SplittableRandom random = new SplittableRandom(problem.seed());
    int n = problem.evaluator().remaining();
    List<double[]> points = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      double[] u = new double[problem.dimension()];
      for (int i = 0; i < u.length; i++) {
        u[i] = random.nextDouble();
      }
      points.add(u);
    }
    problem.evaluator().evaluate(points);
  }
}
