package io.perpetua.optimizer.algo;

import java.util.Arrays;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;

/**
 * CMA-ES (Hipparchus' {@link CMAESOptimizer}) on the unit cube, started at its centre with σ = 0.3
 * and population {@code 4 + ⌊3 ln d⌋}; restarted from a new seeded state while budget remains.
 * Rejected trials score {@value #REJECTED} (CMA-ES needs finite values).
 */
public final class CmaEs implements SearchAlgorithm {
  static final double REJECTED = -1e9;

  @Override
  public String name() {
    return "cmaes";
  }

  @Override
  public void search(SearchProblem problem) {
    PointEvaluator evaluator = problem.evaluator();
    int d = Math.max(1, problem.dimension());
    double[] lower = new double[d];
    double[] upper = new double[d];
    Arrays.fill(upper, 1.0);
    double[] start = new double[d];
    Arrays.fill(start, 0.5);
    double[] sigma = new double[d];
    Arrays.fill(sigma, 0.3);
    int population = 4 + (int) Math.floor(3 * Math.log(d));
    long seed = problem.seed();
    for (int restart = 0; evaluator.remaining() > 0 && restart < 1000; restart++) {
      CMAESOptimizer cma =
          new CMAESOptimizer(
              10_000,
              Double.POSITIVE_INFINITY,
              true,
              0,
              0,
              new Well19937c(seed + restart),
              false,
              null);
      try {
        cma.optimize(
            new MaxEval(Math.max(1, evaluator.remaining()) + 1),
            new ObjectiveFunction(u -> finite(evaluator.score(u))),
            GoalType.MAXIMIZE,
            new InitialGuess(start),
            new SimpleBounds(lower, upper),
            new CMAESOptimizer.Sigma(sigma),
            new CMAESOptimizer.PopulationSize(population));
      } catch (StopSearch e) {
        return;
      } catch (org.hipparchus.exception.MathIllegalStateException e) {
        // the evaluation count ran out inside the library: the budget decides what comes next
      }
    }
  }

  private static double finite(double score) {
    return Double.isFinite(score) ? score : REJECTED;
  }
}
