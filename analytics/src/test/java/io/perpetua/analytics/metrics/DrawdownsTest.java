package io.perpetua.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DrawdownsTest {
  @Test
  void max_handComputed_peakAndTrough() {
    // 100 -> 120 (peak, index 1) -> 90 (-25 %, index 2) -> 110 -> 130 (new peak) -> 117 (-10 %)
    double[] e = {100, 120, 90, 110, 130, 117};
    MaxDrawdown dd = Drawdowns.max(e);
    assertThat(dd.depth()).isCloseTo(-0.25, within(1e-15));
    assertThat(dd.peakIndex()).isEqualTo(1);
    assertThat(dd.troughIndex()).isEqualTo(2);
  }

  @Test
  void max_peakIsTheLastTimeAtThePeakLevel() {
    // the high 120 is reached at 1 and again at 3; the decline to 60 starts from index 3
    double[] e = {100, 120, 110, 120, 60};
    MaxDrawdown dd = Drawdowns.max(e);
    assertThat(dd.depth()).isCloseTo(-0.5, within(1e-15));
    assertThat(dd.peakIndex()).isEqualTo(3);
    assertThat(dd.troughIndex()).isEqualTo(4);
  }

  @Test
  void max_risingCurve_isZero() {
    MaxDrawdown dd = Drawdowns.max(new double[] {1, 1, 2, 3, 3, 4});
    assertThat(dd.depth()).isEqualTo(0.0);
    assertThat(dd.peakIndex()).isZero();
    assertThat(dd.troughIndex()).isZero();
  }

  @Test
  void max_undefinedInputs() {
    assertThat(Drawdowns.max(new double[0]).isDefined()).isFalse();
    assertThat(Drawdowns.max(new double[] {100}).isDefined()).isFalse();
    assertThat(Drawdowns.max(new double[] {0, 1}).isDefined()).isFalse();
    assertThat(Drawdowns.max(new double[] {1, Double.NaN, 0.5}).isDefined()).isFalse();
  }

  @Test
  void series_isRatioToRunningPeak() {
    double[] dd = Drawdowns.series(new double[] {100, 120, 90, 130});
    assertThat(dd[0]).isEqualTo(0.0);
    assertThat(dd[1]).isEqualTo(0.0);
    assertThat(dd[2]).isCloseTo(-0.25, within(1e-15));
    assertThat(dd[3]).isEqualTo(0.0);
  }

  @Test
  void ofReturns_countsAFirstPeriodLoss() {
    // wealth 1 -> 0.9 (-10 % from the starting value) -> 0.99 -> 1.089
    MaxDrawdown dd = Drawdowns.ofReturns(new double[] {-0.1, 0.1, 0.1});
    assertThat(dd.depth()).isCloseTo(-0.1, within(1e-15));
    assertThat(dd.peakIndex()).isZero();
    assertThat(dd.troughIndex()).isEqualTo(1);
  }

  @Test
  void ofReturns_totalLoss_isMinusOne() {
    assertThat(Drawdowns.ofReturns(new double[] {0.5, -1.0}).depth()).isEqualTo(-1.0);
  }
}
