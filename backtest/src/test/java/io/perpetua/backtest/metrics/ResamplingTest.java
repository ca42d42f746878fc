package io.perpetua.backtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.jobs.EquityCurve;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResamplingTest {
  static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void lastPerPeriod_keepsBaseAndLastOfEachUtcDay() {
    EquityCurve c =
        new EquityCurve(
            new long[] {
              t("2024-01-01T00:00:00Z"),
              t("2024-01-01T12:00:00Z"),
              t("2024-01-01T23:00:00Z"),
              t("2024-01-02T05:00:00Z"),
              t("2024-01-04T00:00:00Z")
            },
            new double[] {100, 101, 102, 99, 105});
    EquityCurve d = Resampling.lastPerPeriod(c, Resampling.DAY_MS);
    assertThat(d.equity()).containsExactly(100, 102, 99, 105);
    assertThat(d.timesMs())
        .containsExactly(
            t("2024-01-01T00:00:00Z"),
            t("2024-01-01T23:00:00Z"),
            t("2024-01-02T05:00:00Z"),
            t("2024-01-04T00:00:00Z"));
  }

  @Test
  void lastPerPeriod_baseAloneInItsDay_addsNoZeroReturn() {
    // the base is the only point of Jan 1: the first return is Jan 2's close over the base
    EquityCurve c =
        new EquityCurve(
            new long[] {t("2024-01-01T23:00:00Z"), t("2024-01-02T10:00:00Z")},
            new double[] {100, 110});
    assertThat(Resampling.dailyReturns(c)).containsExactly(new double[] {0.1}, within(1e-15));
  }

  @Test
  void simpleReturns_handComputed() {
    double[] r = Resampling.simpleReturns(new double[] {100, 110, 99});
    assertThat(r).containsExactly(new double[] {0.1, -0.1}, within(1e-15));
    assertThat(Resampling.simpleReturns(new double[] {100})).isEmpty();
    assertThat(Resampling.simpleReturns(new double[] {0, 1})[0]).isNaN();
  }

  @Test
  void emptyCurve_givesEmptyCurve() {
    EquityCurve e = Resampling.lastPerPeriod(new EquityCurve(new long[0], new double[0]), 1000);
    assertThat(e.size()).isZero();
  }
}
