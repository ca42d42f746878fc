package io.perpetua.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.jobs.EquityCurve;
import org.junit.jupiter.api.Test;

/** Edges the mutation run found unpinned: index conventions, undefined inputs, range ends. */
class MetricsEdgesTest {
  @Test
  void ofReturns_peakIsTheLastIndexAtThePeakLevel() {
    // wealth 1 -> 1 (flat) -> 0.9: the peak before the trough is index 1, not 0
    MaxDrawdown dd = Drawdowns.ofReturns(new double[] {0.0, -0.1});
    assertThat(dd.peakIndex()).isEqualTo(1);
    assertThat(dd.troughIndex()).isEqualTo(2);
  }

  @Test
  void ofReturns_troughIsTheFirstIndexAtTheLowestRatio() {
    // wealth 0.9 -> 0.9: the trough stays at the first index of that level
    MaxDrawdown dd = Drawdowns.ofReturns(new double[] {-0.1, 0.0});
    assertThat(dd.troughIndex()).isEqualTo(1);
    assertThat(dd.peakIndex()).isZero();
  }

  @Test
  void ofReturns_nanReturn_isUndefined() {
    assertThat(Drawdowns.ofReturns(new double[] {0.1, Double.NaN}).isDefined()).isFalse();
  }

  @Test
  void series_nonPositivePeak_isNaNEverywhere() {
    double[] dd = Drawdowns.series(new double[] {0, -1});
    assertThat(dd[0]).isNaN();
    assertThat(dd[1]).isNaN();
  }

  @Test
  void monthlyReturns_yearPastTheEnd_isNaN() {
    long jan = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    MonthlyReturns m =
        MonthlyReturns.of(
            new EquityCurve(new long[] {jan, jan + 86_400_000L}, new double[] {100, 101}));
    assertThat(m.lastYear()).isEqualTo(2024);
    assertThat(m.get(2025, 1)).isNaN();
    assertThat(m.get(2023, 12)).isNaN();
  }

  @Test
  void lastPerPeriod_oneMillisecondPeriods_keepEveryPoint() {
    EquityCurve c = new EquityCurve(new long[] {0, 1, 2}, new double[] {1, 2, 3});
    EquityCurve out = Resampling.lastPerPeriod(c, 1);
    assertThat(out.equity()).containsExactly(1, 2, 3);
  }
}
