package io.perpetua.analytics.overfit;

/**
 * The objective at the best point and at its ±δ neighbours ({@link ParameterJitter}). Immutable:
 * the accessors return copies.
 *
 * @param base the objective at the centre
 * @param minus the objective at centre − δ, per parameter
 * @param plus the objective at centre + δ, per parameter
 */
public record JitterResult(double base, double[] minus, double[] plus) {
  /** Copies the arrays. */
  public JitterResult {
    minus = minus.clone();
    plus = plus.clone();
  }

  @Override
  public double[] minus() {
    return minus.clone();
  }

  @Override
  public double[] plus() {
    return plus.clone();
  }

  /**
   * The worst neighbour's change relative to the base, {@code min(neighbour − base) / |base|}: 0 on
   * a plateau, −0.5 when some neighbour loses half the objective; {@code NaN} when the base is 0 or
   * not finite, or a neighbour is {@code NaN}.
   */
  public double worstRelativeChange() {
    if (!Double.isFinite(base) || base == 0) {
      return Double.NaN;
    }
    double worst = 0;
    for (int j = 0; j < minus.length; j++) {
      worst = Math.min(worst, Math.min(minus[j] - base, plus[j] - base));
      if (Double.isNaN(minus[j]) || Double.isNaN(plus[j])) {
        return Double.NaN;
      }
    }
    return worst / Math.abs(base);
  }

  /**
   * The mean of the neighbours' changes relative to the base, {@code mean(neighbour − base) /
   * |base|} over the 2P neighbours; {@code NaN} as for {@link #worstRelativeChange()}.
   */
  public double meanRelativeChange() {
    if (!Double.isFinite(base) || base == 0 || minus.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int j = 0; j < minus.length; j++) {
      sum += (minus[j] - base) + (plus[j] - base);
    }
    return sum / (2.0 * minus.length) / Math.abs(base);
  }
}
