package io.perpetua.optimizer.algo;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Local refinement of the best points of a search with Nelder–Mead (Hipparchus' {@link
 * SimplexOptimizer}): from each start a simplex of side 0.1 in the unit cube (points clamped into
 * it) runs until it converges or the refinement budget is spent. Deterministic.
 */
public final class NelderMeadRefiner {
  private NelderMeadRefiner() {}

  /** Refines from each of {@code starts} in turn while {@code evaluator} has budget. */
  public static void refine(java.util.List<double[]> starts, PointEvaluator evaluator) {
    for (double[] start : starts) {
      if (evaluator.remaining() <= 0 || start.length == 0) {
        return;
      }
      SimplexOptimizer simplex = new SimplexOptimizer(1e-4, 1e-6);
      try {
        simplex.optimize(
            new MaxEval(evaluator.remaining() + 1),
            new ObjectiveFunction(u -> finite(evaluator.score(clamp(u)))),
            GoalType.MAXIMIZE,
            new InitialGuess(start),
            new NelderMeadSimplex(start.length, 0.1));
      } catch (StopSearch e) {
        return;
      } catch (org.hipparchus.exception.MathIllegalStateException e) {
        // evaluation count reached inside the library
      }
    }
  }

  private static double[] clamp(double[] u) {
    double[] out = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = Math.max(0, Math.min(1, u[i]));
    }
    return out;
  }

  private static double finite(double score) {
    return Double.isFinite(score) ? score : CmaEs.REJECTED;
  }
}
