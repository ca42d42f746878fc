package io.perpetua.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReturnStatisticsTest {
  // r = [0.01, -0.02, 0.03, -0.01, 0.02]
  // mean = 0.03 / 5 = 0.006
  // deviations 0.004, -0.026, 0.024, -0.016, 0.014; squares sum to
  // 0.000016 + 0.000676 + 0.000576 + 0.000256 + 0.000196 = 0.00172
  // sample variance = 0.00172 / 4 = 0.00043, std = sqrt(0.00043) = 0.0207364413533...
  // downside: min(r,0)^2 = 0.0004 + 0.0001 = 0.0005, / n = 0.0001, sqrt = 0.01
  private static final double[] R = {0.01, -0.02, 0.03, -0.01, 0.02};

  @Test
  void mean_std_downside_handComputed() {
    assertThat(ReturnStatistics.mean(R)).isCloseTo(0.006, within(1e-15));
    assertThat(ReturnStatistics.sampleStandardDeviation(R))
        .isCloseTo(Math.sqrt(0.00043), within(1e-15));
    assertThat(ReturnStatistics.downsideDeviation(R)).isCloseTo(0.01, within(1e-15));
  }

  @Test
  void sharpe_sortino_volatility_annualisedWithSqrtP() {
    // Sharpe = 0.006 / sqrt(0.00043) * sqrt(365) = 5.52794...
    assertThat(ReturnStatistics.sharpe(R, 365))
        .isCloseTo(0.006 / Math.sqrt(0.00043) * Math.sqrt(365), within(1e-12))
        .isCloseTo(5.527941708708923, within(1e-12));
    // Sortino = 0.006 / 0.01 * sqrt(365) = 0.6 * 19.1049731745... = 11.46298...
    assertThat(ReturnStatistics.sortino(R, 365)).isCloseTo(11.462983904725679, within(1e-12));
    // Volatility = sqrt(0.00043) * sqrt(365) = 0.39617
    assertThat(ReturnStatistics.volatility(R, 365)).isCloseTo(0.396169155790806, within(1e-14));
  }

  @Test
  void sharpe_constantReturns_isNaN() {
    // std is zero (or rounding noise): the ratio is undefined, not a huge number
    double[] flat = new double[50];
    java.util.Arrays.fill(flat, 0.001);
    assertThat(ReturnStatistics.sharpe(flat, 365)).isNaN();
    assertThat(ReturnStatistics.sharpe(new double[] {0, 0, 0}, 365)).isNaN();
  }

  @Test
  void undefinedCases_areNaN() {
    assertThat(ReturnStatistics.mean(new double[0])).isNaN();
    assertThat(ReturnStatistics.sampleStandardDeviation(new double[] {0.1})).isNaN();
    assertThat(ReturnStatistics.sharpe(new double[] {0.1}, 365)).isNaN();
    assertThat(ReturnStatistics.downsideDeviation(new double[0])).isNaN();
    // no negative return: zero downside deviation
    assertThat(ReturnStatistics.sortino(new double[] {0.01, 0.02, 0}, 365)).isNaN();
    assertThat(ReturnStatistics.cagr(1.1, 0, 365)).isNaN();
    assertThat(ReturnStatistics.cagr(-0.5, 10, 365)).isNaN();
    assertThat(ReturnStatistics.calmar(0.2, 0)).isNaN();
    assertThat(ReturnStatistics.calmar(0.2, Double.NaN)).isNaN();
  }

  @Test
  void cagr_handComputed() {
    // doubling over 730 daily periods with P = 365 is 2^(1/2) - 1 a year
    assertThat(ReturnStatistics.cagr(2.0, 730, 365)).isCloseTo(Math.sqrt(2) - 1, within(1e-14));
    // one year of data: CAGR equals the total return
    assertThat(ReturnStatistics.cagr(1.25, 365, 365)).isCloseTo(0.25, within(1e-14));
    // wiped out
    assertThat(ReturnStatistics.cagr(0, 100, 365)).isEqualTo(-1.0);
  }

  @Test
  void calmar_isCagrOverAbsoluteDrawdown() {
    assertThat(ReturnStatistics.calmar(0.3, -0.15)).isCloseTo(2.0, within(1e-15));
    assertThat(ReturnStatistics.calmar(-0.3, -0.15)).isCloseTo(-2.0, within(1e-15));
  }

  @Test
  void periodsPerYear_belowOne_isRejected() {
    assertThatThrownBy(() -> ReturnStatistics.sharpe(R, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periodsPerYear");
  }
}
