package io.perpetua.analytics.metrics;

import static io.perpetua.analytics.metrics.ResamplingTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.jobs.EquityCurve;
import org.junit.jupiter.api.Test;

class MonthlyReturnsTest {
  @Test
  void of_handComputed_acrossAYearEnd() {
    // base 100 on Dec 15 2023; Dec closes at 110 (+10 %), Jan at 99 (-10 %),
    // no point in Feb, Mar closes at 118.8 (+20 % over Feb and Mar)
    EquityCurve c =
        new EquityCurve(
            new long[] {
              t("2023-12-15T00:00:00Z"),
              t("2023-12-20T00:00:00Z"),
              t("2023-12-31T23:00:00Z"),
              t("2024-01-10T00:00:00Z"),
              t("2024-01-31T00:00:00Z"),
              t("2024-03-31T00:00:00Z")
            },
            new double[] {100, 105, 110, 120, 99, 118.8});
    MonthlyReturns m = MonthlyReturns.of(c);
    assertThat(m.firstYear()).isEqualTo(2023);
    assertThat(m.lastYear()).isEqualTo(2024);
    assertThat(m.get(2023, 12)).isCloseTo(0.1, within(1e-12));
    assertThat(m.get(2023, 11)).isNaN();
    assertThat(m.get(2024, 1)).isCloseTo(-0.1, within(1e-12));
    assertThat(m.get(2024, 2)).isNaN();
    assertThat(m.get(2024, 3)).isCloseTo(0.2, within(1e-12));
    // 2024: 0.9 * 1.2 - 1 = 0.08
    assertThat(m.yearReturn(2024)).isCloseTo(0.08, within(1e-12));
    assertThat(m.yearReturn(2023)).isCloseTo(0.1, within(1e-12));
    assertThat(m.yearReturn(2025)).isNaN();
  }

  @Test
  void of_tooShort_isEmpty() {
    assertThat(MonthlyReturns.of(new EquityCurve(new long[] {0}, new double[] {1})).isEmpty())
        .isTrue();
  }

  @Test
  void of_markAtTheRangeEnd_closesTheLastMonth_noExtraRow() {
    // an hourly 2024 run: its final mark at 2025-01-01T00:00Z is the close of 2024-12-31
    long start = t("2024-01-01T00:00:00Z");
    int hours = 366 * 24;
    long[] times = new long[hours + 1];
    double[] equity = new double[hours + 1];
    for (int h = 0; h <= hours; h++) {
      times[h] = start + h * 3_600_000L;
      equity[h] = 100 + h * 0.01;
    }
    MonthlyReturns m = MonthlyReturns.of(new EquityCurve(times, equity));
    assertThat(m.firstYear()).isEqualTo(2024);
    assertThat(m.lastYear()).isEqualTo(2024);
    assertThat(m.get(2024, 12)).isCloseTo(equity[hours] / equity[335 * 24] - 1, within(1e-12));
    EquityCurve days = Resampling.lastPerClosingPeriod(new EquityCurve(times, equity), 86_400_000L);
    assertThat(days.size()).isEqualTo(367); // the base and 366 daily closes
    assertThat(days.timesMs()[366]).isEqualTo(times[hours]);
  }
}
