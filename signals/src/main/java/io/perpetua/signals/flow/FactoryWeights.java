package io.perpetua.signals.flow;

/**
 * The user's layer weights of a factory strategy (spec §3.4). Direction and crowding share {@code
 * (direction + momentum)·norm} in the ratio 55:25, environment gets {@code environment·norm},
 * auxiliary {@code auxiliary·norm}, with {@code norm = 100/Σw}.
 *
 * <p>Immutable; ranges are checked by {@link FactoryStrategyDefinition}, here only non-negativity
 * and a positive sum.
 *
 * @param direction weight of direction (10–80)
 * @param environment weight of the environment (5–60)
 * @param auxiliary weight of the auxiliary layer (0–40)
 * @param momentum weight of momentum (0–20)
 */
public record FactoryWeights(
    double direction, double environment, double auxiliary, double momentum) {

  /** Validates the fields. */
  public FactoryWeights {
    if (!(direction >= 0) || !(environment >= 0) || !(auxiliary >= 0) || !(momentum >= 0)) {
      throw new IllegalArgumentException("weights must be non-negative");
    }
    if (!(direction + environment + auxiliary + momentum > 0)) {
      throw new IllegalArgumentException("weights must have a positive sum");
    }
  }

  /** The defaults 55 / 25 / 15 / 5. */
  public static FactoryWeights defaults() {
    return new FactoryWeights(55, 25, 15, 5);
  }

  private double norm() {
    return 100.0 / (direction + environment + auxiliary + momentum);
  }

  // The shares are computed in the original system's order of floating-point operations, so that
  // scores equal to its scores bit for bit (they are compared with thresholds after rounding).

  /** The share of the direction layer. */
  public double directionShare() {
    return (direction + momentum) * norm() * (55.0 / 80.0);
  }

  /** The share of the crowding layer. */
  public double crowdingShare() {
    return (direction + momentum) * norm() * (25.0 / 80.0);
  }

  /** The share of the environment layer. */
  public double environmentShare() {
    return environment * norm();
  }

  /** The share of the auxiliary layer. */
  public double auxiliaryShare() {
    return auxiliary * norm();
  }

  /**
   * The score these weights give the raw layer points of a gated evaluation (its factors {@code
   * direction.*}, {@code crowding.*}, {@code environment.oi}, {@code auxiliary.premium}): the same
   * computation as the scorer's, for re-scoring recorded evaluations under other weights.
   */
  public double score(double direction, double crowding, double environment, double auxiliary) {
    return GatedScoring.total(this, direction, crowding, environment, auxiliary);
  }
}
