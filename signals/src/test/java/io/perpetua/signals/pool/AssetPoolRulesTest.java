package io.perpetua.signals.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarField;
import io.perpetua.market.BarSeries;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.KlineCsvReader;
import io.perpetua.signals.PanelMarketView;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tradable-now, history and monthly rules of the asset pools. */
class AssetPoolRulesTest {
  static final long DAY = 86_400_000L;

  @Test
  void frozenBars_leaveThePool_althoughTheirTrailingVolumeStillCounts() {
    // 48 hourly bars; instrument 0 had huge volume but is frozen (no volume, one price) for the
    // last 24 bars; instrument 3 trades thinly but trades
    int len = 48;
    double[][] closes = new double[4][len];
    double[][] volumes = new double[4][len];
    for (int t = 0; t < len; t++) {
      closes[0][t] = t < 24 ? 5 + t * 0.01 : 5.23;
      volumes[0][t] = t < 24 ? 1e9 : 0;
      for (int i = 1; i < 4; i++) {
        closes[i][t] = 10 * i + Math.sin(t);
        volumes[i][t] = 100.0 * i;
      }
    }
    PanelMarketView view = view(closes, volumes, 3_600_000L);
    AssetPool pool = new AssetPool(new AssetPoolDefinition("p", "usdt_volume", 3, 30, 24, 0));
    pool.refresh(view);
    assertThat(pool.members()).containsExactly(false, true, true, true);
    assertThat(pool.ranked()).containsExactly(3, 2, 1);
    // one bar of volume in the last day, or a moving price, is enough to stay
    volumes[0][47] = 1;
    pool.refresh(view(closes, volumes, 3_600_000L));
    assertThat(pool.members()[0]).isTrue();
  }

  @Test
  void monthlyPool_ranksTheReferenceMonth_needsHistory_andRefreshesWhenAMonthStarts() {
    // daily bars from 2024-01-01 to 2024-04-09 (100 days); the view is at 2024-04-10
    long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    int len = 100;
    double[][] closes = new double[3][len];
    double[][] volumes = new double[3][len];
    for (int t = 0; t < len; t++) {
      boolean march = t >= 60 && t < 91; // 2024-03-01 .. 2024-03-31
      closes[0][t] = 1 + 0.01 * t;
      volumes[0][t] = march ? 10 : 1_000; // biggest outside March, smallest in it
      closes[1][t] = 2 + 0.01 * t;
      volumes[1][t] = march ? 20 : 1;
      // instrument 2 lists on 2024-03-01: 40 days, below the 60-day minimum
      closes[2][t] = t < 60 ? Double.NaN : 3 + 0.01 * t;
      volumes[2][t] = t < 60 ? Double.NaN : 1e6;
    }
    PanelMarketView view = view(closes, volumes, DAY, start);
    AssetPool pool = new AssetPool(AssetPoolDefinition.t50Monthly());
    pool.refresh(view);
    assertThat(pool.referenceMonth()).isEqualTo("2024-03");
    assertThat(pool.members()).containsExactly(true, true, false);
    assertThat(pool.ranked()).containsExactly(1, 0);
    assertThat(pool.metric()[1]).isEqualTo(31 * 20.0);
    assertThat(pool.metric()[0]).isEqualTo(31 * 10.0);
    assertThat(pool.historyDays(0)).isEqualTo(100);
    assertThat(pool.historyDays(2)).isEqualTo(40);
    long now = view.time();
    assertThat(pool.isDue(now + 15 * DAY)).isFalse(); // still April
    assertThat(pool.isDue(Instant.parse("2024-05-01T00:00:00Z").toEpochMilli())).isTrue();
    AssetPoolDefinition d = AssetPoolDefinition.t50Monthly();
    assertThat(d.apiMetric()).isEqualTo("dollar_volume_monthly");
    assertThat(d.updateInterval()).isEqualTo("monthly");
    assertThat(AssetPoolDefinition.defaultPool().apiMetric()).isEqualTo("usdt_volume_30d");
    assertThatThrownBy(() -> new AssetPoolDefinition("x", "dollar_volume_monthly", 5, 1, 1, 0, -1))
        .hasMessageContaining("lag");
  }

  @Test
  void realData_wavesLeavesTheDefaultPool_whenItsBarsFreezeOn20240612() throws Exception {
    Map<InstrumentId, BarSeries> series = new LinkedHashMap<>();
    for (String s : List.of("WAVES", "BTC", "ETH")) {
      var file = SharedData.require("binance-um-klines/1d/" + s + "USDT-1d.csv.gz");
      series.put(
          InstrumentId.usdtPerp(s),
          new KlineCsvReader(ErrorPolicy.STOP)
              .read(file, InstrumentId.usdtPerp(s), Timeframe.D1)
              .series());
    }
    long from = Instant.parse("2024-04-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2024-07-01T00:00:00Z").toEpochMilli();
    AlignedBars a = AlignedBars.of(series, from, to);
    PanelMarketView view =
        new PanelMarketView(
            a.instruments(),
            a.times(),
            DAY,
            a.column(BarField.CLOSE),
            a.column(BarField.QUOTE_VOLUME));
    int waves = a.instruments().indexOf(InstrumentId.usdtPerp("WAVES"));
    AssetPool pool = new AssetPool(AssetPoolDefinition.defaultPool());
    int june10 =
        Arrays.binarySearch(a.times(), Instant.parse("2024-06-10T00:00:00Z").toEpochMilli());
    view.moveTo(june10, a.times()[june10] + DAY);
    pool.refresh(view);
    assertThat(pool.members()[waves]).as("WAVES trades on 2024-06-10").isTrue();
    int june20 = june10 + 10;
    view.moveTo(june20, a.times()[june20] + DAY);
    pool.refresh(view);
    // 30-day volume is still large (the weeks before the freeze), but it is not tradable now
    assertThat(view.quoteVolumeSum(waves, 30)).isPositive();
    assertThat(pool.members()[waves]).as("WAVES frozen since 2024-06-12").isFalse();
    assertThat(pool.size()).isEqualTo(2);
  }

  static PanelMarketView view(double[][] closes, double[][] volumes, long barMillis) {
    return view(closes, volumes, barMillis, 0);
  }

  static PanelMarketView view(double[][] closes, double[][] volumes, long barMillis, long start) {
    int n = closes.length;
    int len = closes[0].length;
    List<InstrumentId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(InstrumentId.usdtPerp("P" + i));
    }
    long[] times = new long[len];
    double[] close = new double[len * n];
    double[] vol = new double[len * n];
    for (int t = 0; t < len; t++) {
      times[t] = start + t * barMillis;
      for (int i = 0; i < n; i++) {
        close[t * n + i] = closes[i][t];
        vol[t * n + i] = volumes[i][t];
      }
    }
    PanelMarketView v = new PanelMarketView(ids, times, barMillis, close, vol);
    v.moveTo(len - 1, times[len - 1] + barMillis);
    return v;
  }
}
