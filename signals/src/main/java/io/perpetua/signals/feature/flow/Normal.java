package io.perpetua.signals.feature.flow;

/** The standard normal distribution function. Stateless. */
final class Normal {
  private Normal() {}

  /**
   * {@code Φ(x)} through the complementary error function (Numerical Recipes' {@code erfcc},
   * fractional error below 1.2e-7 everywhere).
   */
  static double cdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly =
        -z * z
            - 1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    double ans = t * Math.exp(poly);
    return x >= 0 ? ans : 2 - ans;
  }
}
