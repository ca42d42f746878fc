package io.perpetua.analytics.overfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values: scipy 1.17.1 {@code scipy.stats.norm.cdf} / {@code norm.ppf}. */
class NormalTest {
  @ParameterizedTest
  @CsvSource({
    "0.0, 0.5",
    "0.5, 0.6914624612740131",
    "1.96, 0.9750021048517795",
    "-1.0, 0.15865525393145707",
    "2.9, 0.998134186699616",
    "3.0, 0.9986501019683699",
    "3.5, 0.9997673709209645",
    "10.0, 1.0"
  })
  void cdf_matchesScipy(double x, double expected) {
    assertThat(Normal.cdf(x)).isCloseTo(expected, within(2e-16));
  }

  @ParameterizedTest
  @CsvSource({"-5.0, 2.866515718791933e-07", "-8.0, 6.22096057427174e-16"})
  void cdf_lowerTail_keepsRelativePrecision(double x, double expected) {
    assertThat(Normal.cdf(x) / expected).isCloseTo(1, within(1e-13));
  }

  @ParameterizedTest
  @CsvSource({
    "0.5, 0.0",
    "0.975, 1.959963984540054",
    "0.01, -2.3263478740408408",
    "1e-10, -6.361340902404056",
    "0.999999, 4.753424308817087",
    "0.3, -0.5244005127080409",
    "0.02425, -1.972961051311885",
    "0.9, 1.2815515655446004"
  })
  void inverseCdf_matchesScipy(double p, double expected) {
    assertThat(Normal.inverseCdf(p)).isCloseTo(expected, within(1e-14 * (1 + Math.abs(expected))));
  }

  @Test
  void inverseCdf_roundTripsCdf() {
    for (double x = -7; x <= 7; x += 0.25) {
      double p = Normal.cdf(x);
      // p itself is rounded to a double: in the upper tail one ulp of p moves x by ulp / φ(x)
      double tolerance = 1e-12 + 2 * Math.ulp(p) / Normal.density(x);
      assertThat(Normal.inverseCdf(p)).as("x=%s", x).isCloseTo(x, within(tolerance));
    }
  }

  @Test
  void inverseCdf_endsAndBadInput() {
    assertThat(Normal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Normal.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(Normal.cdf(Double.NaN)).isNaN();
    assertThatThrownBy(() -> Normal.inverseCdf(1.5)).hasMessageContaining("probability");
    assertThatThrownBy(() -> Normal.inverseCdf(Double.NaN)).hasMessageContaining("probability");
  }
}
