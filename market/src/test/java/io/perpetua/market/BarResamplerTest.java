package io.perpetua.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.KlineCsvReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BarResamplerTest {
  private static final long H = 3_600_000L;
  private static final long DAY = 24 * H;

  /** Hourly bars at {@code hours} (hour offsets from the epoch), bar h has close h + 1. */
  private static BarSeries hourly(int... hours) {
    BarSeries.Builder b = BarSeries.builder(InstrumentId.usdtPerp("X"), Timeframe.H1);
    for (int h : hours) {
      b.add(h * H, h + 0.5, h + 2, h + 0.25, h + 1, 1, 10 * (h + 1));
    }
    return b.build();
  }

  @Test
  void resample_completeUtcBuckets_aggregateOhlcv() {
    BarSeries fourHour = BarResampler.resample(hourly(0, 1, 2, 3, 4, 5, 6, 7), Timeframe.H4);
    assertThat(fourHour.timeframe()).isEqualTo(Timeframe.H4);
    assertThat(fourHour.size()).isEqualTo(2);
    assertThat(fourHour.openTimeMs(1)).isEqualTo(4 * H);
    assertThat(fourHour.open(1)).isEqualTo(4.5);
    assertThat(fourHour.high(1)).isEqualTo(9);
    assertThat(fourHour.low(1)).isEqualTo(4.25);
    assertThat(fourHour.close(1)).isEqualTo(8);
    assertThat(fourHour.volume(1)).isEqualTo(4);
    assertThat(fourHour.quoteVolume(1)).isEqualTo(10 * (5 + 6 + 7 + 8));
  }

  @Test
  void resample_incompleteBuckets_areDropped_neverBuiltFromPartOfTheirData() {
    // 02:00 starts mid-bucket (a listing), 05:00 is missing (a gap), 12:00-13:00 ends the data
    BarSeries fourHour =
        BarResampler.resample(hourly(2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13), Timeframe.H4);
    assertThat(fourHour.size()).isEqualTo(1);
    assertThat(fourHour.openTimeMs(0)).isEqualTo(8 * H);
    BarSeries daily = BarResampler.resample(hourly(0, 1, 2), Timeframe.D1);
    assertThat(daily.isEmpty()).isTrue();
  }

  @Test
  void resample_inexactTarget_isRefused() {
    assertThatThrownBy(() -> BarResampler.resample(hourly(0, 1), Timeframe.M1))
        .hasMessageContaining("cannot build 1m bars exactly from 1h");
  }

  @Test
  void sourceFor_prefersStoredBars_elseTheCoarsestExactSource() {
    assertThat(BarResampler.sourceFor(Timeframe.D1, List.of(Timeframe.H1, Timeframe.D1)))
        .contains(Timeframe.D1);
    assertThat(BarResampler.sourceFor(Timeframe.D1, List.of(Timeframe.M1, Timeframe.H1)))
        .contains(Timeframe.H1);
    assertThat(BarResampler.sourceFor(Timeframe.M1, List.of(Timeframe.H1))).isEmpty();
    assertThat(BarResampler.servable(List.of(Timeframe.H1)))
        .isEqualTo(Set.of(Timeframe.H1, Timeframe.H4, Timeframe.D1));
  }

  @Test
  void requireSource_unavailableTimeframe_saysWhatCanBeServed() {
    assertThatThrownBy(() -> BarResampler.requireSource(Timeframe.M1, List.of(Timeframe.H1)))
        .hasMessage(
            "no 1m bars: the catalog holds 1h; servable timeframes: 1h, 4h, 1d"
                + " (resampled: 4h from 1h, 1d from 1h)");
  }

  /**
   * Binance's own daily bars of a perpetual equal the hourly bars resampled, on every complete day
   * (the listing day's daily bar is partial on Binance and is dropped here).
   */
  @Test
  void realPepe_dailyFromHourly_matchesBinanceDailyBars() throws Exception {
    var hourFile = SharedData.require("binance-um-klines/1h/1000PEPEUSDT-1h.csv.gz");
    var dayFile = SharedData.require("binance-um-klines/1d/1000PEPEUSDT-1d.csv.gz");
    InstrumentId id = InstrumentId.usdtPerp("1000PEPE");
    KlineCsvReader reader = new KlineCsvReader(ErrorPolicy.STOP);
    BarSeries resampled =
        BarResampler.resample(reader.read(hourFile, id, Timeframe.H1).series(), Timeframe.D1);
    BarSeries binance = reader.read(dayFile, id, Timeframe.D1).series();
    assertThat(resampled.size()).isGreaterThan(365);
    assertThat(binance.indexOf(resampled.firstOpenTimeMs() - DAY))
        .as("Binance's partial listing day is not rebuilt")
        .isGreaterThanOrEqualTo(0);
    int compared = 0;
    int differing = 0;
    for (int i = 0; i < resampled.size(); i++) {
      int j = binance.indexOf(resampled.openTimeMs(i));
      if (j < 0) {
        continue;
      }
      compared++;
      boolean same =
          resampled.open(i) == binance.open(j)
              && resampled.high(i) == binance.high(j)
              && resampled.low(i) == binance.low(j)
              && resampled.close(i) == binance.close(j)
              && Math.abs(resampled.volume(i) - binance.volume(j)) <= binance.volume(j) * 1e-9;
      differing += same ? 0 : 1;
    }
    // the two files were collected separately: 4 of 1,120 days differ in volume, 1 in a price
    assertThat(compared).isGreaterThan(365);
    assertThat(differing).isLessThanOrEqualTo(compared / 200);
  }
}
