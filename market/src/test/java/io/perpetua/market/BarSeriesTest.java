package io.perpetua.market;

import static io.perpetua.market.TestSeries.H;
import static io.perpetua.market.TestSeries.T0;
import static io.perpetua.market.TestSeries.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.Bar;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import org.junit.jupiter.api.Test;

class BarSeriesTest {
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");

  @Test
  void builder_growsAndKeepsValues() {
    BarSeries.Builder b = BarSeries.builder(BTC, Timeframe.H1, 1);
    for (int k = 0; k < 1000; k++) {
      b.add(T0 + k * H, 2, 3, 1, 2.5, k, 2.5 * k);
    }
    BarSeries s = b.build();
    assertThat(s.size()).isEqualTo(1000);
    assertThat(s.volume(999)).isEqualTo(999);
    assertThat(s.bar(5)).isEqualTo(new Bar(T0 + 5 * H, 2, 3, 1, 2.5, 5, 12.5));
    assertThat(s.firstOpenTimeMs()).isEqualTo(T0);
    assertThat(s.lastOpenTimeMs()).isEqualTo(T0 + 999 * H);
    b.add(T0 + 1000 * H, 2, 3, 1, 2.5, 1, 1);
    assertThat(s.size()).as("built series is unaffected by later adds").isEqualTo(1000);
  }

  @Test
  void builder_rejectsInvalidBarsAndNonIncreasingTimes() {
    BarSeries.Builder b = BarSeries.builder(BTC, Timeframe.H1);
    b.add(T0, 2, 3, 1, 2.5, 1, 1);
    assertThatThrownBy(() -> b.add(T0, 2, 3, 1, 2.5, 1, 1)).hasMessageContaining("does not follow");
    assertThatThrownBy(() -> b.add(T0 - H, 2, 3, 1, 2.5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.add(T0 + H, 2, 3, 1, 3.5, 1, 1))
        .hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> b.add(T0 + H, 2, Double.NaN, 1, 2, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.add(T0 + H, 2, 3, 1, 2, -1, 1)).hasMessageContaining("volumes");
    assertThat(b.size()).isEqualTo(1);
  }

  @Test
  void slice_andLowerBound_selectHalfOpenRange() {
    BarSeries s = hourly("BTC", 0, 1, 2, 5, 6);
    assertThat(s.slice(T0 + H, T0 + 5 * H).openTimes()).containsExactly(T0 + H, T0 + 2 * H);
    assertThat(s.slice(T0 - 10 * H, T0 + 100 * H)).isSameAs(s);
    assertThat(s.slice(T0 + 3 * H, T0 + 4 * H).isEmpty()).isTrue();
    assertThat(s.slice(T0 + 4 * H, T0 + 3 * H).isEmpty()).isTrue();
    assertThat(s.lowerBound(T0 + 3 * H)).isEqualTo(3);
    assertThat(s.indexOf(T0 + 5 * H)).isEqualTo(3);
    assertThat(s.indexOf(T0 + 4 * H)).isEqualTo(-1);
  }

  @Test
  void merge_unionByTime_newerWinsAtEqualTimes() {
    BarSeries old = hourly("BTC", 0, 1, 2, 3);
    BarSeries.Builder b = BarSeries.builder(BTC, Timeframe.H1);
    b.add(T0 + 2 * H, 7, 9, 6, 8, 1, 8);
    b.add(T0 + 10 * H, 7, 9, 6, 8, 1, 8);
    BarSeries merged = old.merge(b.build());
    assertThat(merged.openTimes()).containsExactly(T0, T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 10 * H);
    assertThat(merged.close(2)).isEqualTo(8);
    assertThat(merged.close(3)).isEqualTo(103);
    assertThat(old.merge(BarSeries.empty(BTC, Timeframe.H1))).isSameAs(old);
    assertThatThrownBy(() -> old.merge(hourly("ETH", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copies_doNotExposeInternals() {
    BarSeries s = hourly("BTC", 0, 1);
    s.closes()[0] = -1;
    s.openTimes()[0] = -1;
    assertThat(s.close(0)).isEqualTo(100);
    assertThat(s.openTimeMs(0)).isEqualTo(T0);
    assertThat(s).isEqualTo(hourly("BTC", 0, 1)).hasSameHashCodeAs(hourly("BTC", 0, 1));
    assertThat(s).isNotEqualTo(hourly("BTC", 0, 2));
  }

  @Test
  void empty_hasNoFirstTime() {
    BarSeries s = BarSeries.empty(BTC, Timeframe.D1);
    assertThat(s.isEmpty()).isTrue();
    assertThatThrownBy(s::firstOpenTimeMs).isInstanceOf(IllegalStateException.class);
  }
}
