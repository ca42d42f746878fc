package io.perpetua.market.synthetic;

import java.util.SplittableRandom;

/**
 * A GARCH(1,1) process with standardised Student-t innovations and unit unconditional variance:
 * {@code h(t) = ω + α·x(t−1)² + β·h(t−1)}, {@code x(t) = √h(t)·z(t)}, {@code ω = 1 − α − β}. Not
 * thread-safe; deterministic for a given random source.
 */
final class GarchT {
  static final double ALPHA = 0.08;
  static final double BETA = 0.90;

  private final SplittableRandom random;
  private final double degreesOfFreedom;
  private final double tScale;
  private double variance = 1;
  private double last;

  GarchT(SplittableRandom random, double degreesOfFreedom) {
    this.random = random;
    this.degreesOfFreedom = degreesOfFreedom;
    this.tScale = Math.sqrt((degreesOfFreedom - 2) / degreesOfFreedom);
  }

  /** The next value; {@link #variance()} is then its conditional variance. */
  double next() {
    variance = (1 - ALPHA - BETA) + ALPHA * last * last + BETA * variance;
    last = Math.sqrt(variance) * studentT(random, degreesOfFreedom, tScale);
    return last;
  }

  /** Conditional variance of the last value. */
  double variance() {
    return variance;
  }

  /** A Student-t draw with {@code df} degrees of freedom, scaled by {@code scale}. */
  static double studentT(SplittableRandom random, double df, double scale) {
    double chiSquare = 2 * gamma(random, df / 2);
    return scale * random.nextGaussian() / Math.sqrt(chiSquare / df);
  }

  /** A Gamma(shape, 1) draw for shape ≥ 1 (Marsaglia and Tsang). */
  static double gamma(SplittableRandom random, double shape) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
