package io.perpetua.analytics.overfit;

/**
 * The standard normal distribution: density, cumulative distribution {@code Φ} and its inverse, in
 * {@code double}, without a library. Stateless and thread-safe.
 *
 * <p>{@code Φ(x)} uses Marsaglia's Taylor series {@code Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/(3·5) + …)}
 * for {@code |x| < 3} (absolute error near 1e-16) and the Laplace continued fraction of the upper
 * tail {@code Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …))))} beyond, so that tail probabilities
 * keep their relative precision. {@code Φ⁻¹(p)} starts from Acklam's rational approximation
 * (relative error 1.15e-9) and takes two Halley steps on {@code Φ}, which brings it to the
 * precision of {@code Φ} itself.
 */
public final class Normal {
  private static final double INV_SQRT_2PI = 0.3989422804014327;
  private static final double SERIES_LIMIT = 3.0;

  // Acklam's coefficients (P. J. Acklam, "An algorithm for computing the inverse normal
  // cumulative distribution function", 2003).
  private static final double[] A = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
  };
  private static final double[] B = {
    -5.447609879822406e+01,
    1.615858368580409e+02,
    -1.556989798598866e+02,
    6.680131188771972e+01,
    -1.328068155288572e+01
  };
  private static final double[] C = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
  };
  private static final double[] D = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
  };
  private static final double P_LOW = 0.02425;

  private Normal() {}

  /** The density {@code φ(x) = exp(−x²/2) / √(2π)}. */
  public static double density(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /** {@code Φ(x) = P(Z ≤ x)}; {@code NaN} for {@code NaN}, 0 and 1 at the infinities. */
  public static double cdf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x >= SERIES_LIMIT) {
      return 1 - upperTail(x);
    }
    if (x <= -SERIES_LIMIT) {
      return upperTail(-x);
    }
    double term = x;
    double sum = x;
    double x2 = x * x;
    for (int k = 3; k < 200; k += 2) {
      term *= x2 / k;
      double next = sum + term;
      if (next == sum) {
        break;
      }
      sum = next;
    }
    return 0.5 + density(x) * sum;
  }

  /** {@code Q(x) = 1 − Φ(x)} for {@code x ≥ 3}, by the continued fraction (modified Lentz). */
  private static double upperTail(double x) {
    if (x == Double.POSITIVE_INFINITY) {
      return 0;
    }
    // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + ...)))): evaluate f = x + K(k / x) by Lentz.
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int k = 1; k < 500; k++) {
      d = x + k * d;
      d = d == 0 ? tiny : d;
      c = x + k / c;
      c = c == 0 ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return density(x) / f;
  }

  /**
   * {@code Φ⁻¹(p)}, the quantile: the {@code x} with {@code Φ(x) = p}; −∞ at 0, +∞ at 1.
   *
   * @throws IllegalArgumentException when {@code p} is outside [0, 1] or {@code NaN}
   */
  public static double inverseCdf(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double x = acklam(p);
    for (int i = 0; i < 2; i++) {
      // Halley's step on f(x) = Φ(x) − p, with f' = φ(x) and f'' = −x φ(x); the lower tail is
      // measured as Φ(x) and the upper one as Q(x) so neither loses its relative precision.
      double e = x <= 0 ? cdf(x) - p : (1 - p) - upperTailOf(x);
      double u = e / density(x);
      x = x - u / (1 + x * u / 2);
    }
    return x;
  }

  private static double upperTailOf(double x) {
    return x >= SERIES_LIMIT ? upperTail(x) : 1 - cdf(x);
  }

  private static double acklam(double p) {
    if (p < P_LOW) {
      double q = Math.sqrt(-2 * Math.log(p));
      return tail(q);
    }
    if (p > 1 - P_LOW) {
      double q = Math.sqrt(-2 * Math.log1p(-p));
      return -tail(q);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5])
        * q
        / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }

  private static double tail(double q) {
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
        / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
}
