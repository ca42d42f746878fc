package io.perpetua.market;

import static io.perpetua.market.TestSeries.H;
import static io.perpetua.market.TestSeries.T0;
import static io.perpetua.market.TestSeries.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Timeframe;
import org.junit.jupiter.api.Test;

class GapsTest {
  @Test
  void find_reportsEachHoleWithBoundsAndMissingCount() {
    BarSeries s = hourly("BTC", 0, 1, 3, 4, 9, 10);
    assertThat(Gaps.find(s, Timeframe.H1))
        .containsExactly(new Gap(T0 + H, T0 + 3 * H, 1), new Gap(T0 + 4 * H, T0 + 9 * H, 4));
    assertThat(Gaps.count(s, Timeframe.H1)).isEqualTo(2);
    assertThat(Gaps.missingBars(s, Timeframe.H1)).isEqualTo(5);
    assertThat(new Gap(T0 + H, T0 + 3 * H, 1).durationMs(H)).isEqualTo(H);
  }

  @Test
  void find_contiguousOrTinySeries_hasNone() {
    assertThat(Gaps.find(hourly("BTC", TestSeries.range(0, 50)), Timeframe.H1)).isEmpty();
    assertThat(Gaps.find(hourly("BTC", 7), Timeframe.H1)).isEmpty();
    assertThat(Gaps.find(hourly("BTC"), Timeframe.H1)).isEmpty();
  }

  @Test
  void find_hourlyBarsAtDailyTimeframe_hasNone() {
    assertThat(Gaps.count(hourly("BTC", 0, 1, 2).openTimes(), Timeframe.D1.millis())).isZero();
  }

  @Test
  void find_offGridSpacing_countsWholeIntervalsAtLeastOne() {
    long[] times = {0, H + H / 2, 4 * H};
    assertThat(Gaps.find(times, H))
        .containsExactly(new Gap(0, H + H / 2, 1), new Gap(H + H / 2, 4 * H, 2));
  }
}
