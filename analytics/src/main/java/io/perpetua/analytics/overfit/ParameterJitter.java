package io.perpetua.analytics.overfit;

import java.util.function.ToDoubleFunction;

/**
 * Parameter-jitter sensitivity: the objective at the best point and at ±δ along each parameter, one
 * at a time. A robust optimum sits on a plateau (the neighbours score about as well: "flat is
 * good"); an overfit one sits on a spike. Stateless; the objective is called {@code 1 + 2P} times
 * from the calling thread, in the order centre, then parameter 0 −δ, +δ, parameter 1 −δ, +δ, …
 */
public final class ParameterJitter {
  private ParameterJitter() {}

  /**
   * The jitter of {@code objective} around {@code center}.
   *
   * @param center the best point, P values
   * @param deltas δ per parameter, each ≥ 0 (0 leaves that parameter out: its neighbours are the
   *     centre's value)
   */
  public static JitterResult around(
      double[] center, double[] deltas, ToDoubleFunction<double[]> objective) {
    if (center.length != deltas.length) {
      throw new IllegalArgumentException(
          "deltas has " + deltas.length + " values, center has " + center.length);
    }
    double base = objective.applyAsDouble(center.clone());
    double[] minus = new double[center.length];
    double[] plus = new double[center.length];
    for (int j = 0; j < center.length; j++) {
      if (!(deltas[j] >= 0) || Double.isInfinite(deltas[j])) {
        throw new IllegalArgumentException(
            "deltas[" + j + "] must be a finite number ≥ 0, was " + deltas[j]);
      }
      if (deltas[j] == 0) {
        minus[j] = base;
        plus[j] = base;
        continue;
      }
      double[] point = center.clone();
      point[j] = center[j] - deltas[j];
      minus[j] = objective.applyAsDouble(point);
      point = center.clone();
      point[j] = center[j] + deltas[j];
      plus[j] = objective.applyAsDouble(point);
    }
    return new JitterResult(base, minus, plus);
  }
}
