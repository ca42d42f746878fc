package io.perpetua.signals.feature.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.TradeTick;
import io.perpetua.signals.ArrayView;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.feature.CrossSectionalFeature;
import io.perpetua.signals.feature.FeatureRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Order-flow features on hand-checked inputs, one source at a time. Instrument 0 closes 100, 102,
 * 101, 104 with 1,000 USDT per hourly bar; the 3 h window covers its last three bars.
 */
class FlowFeatureTest {
  static final long H = 3_600_000L;
  static final FeatureRegistry REGISTRY = new FeatureRegistry();

  static PanelMarketView view() {
    return ArrayView.of(
        new double[][] {{100, 102, 101, 104}, {50, 50, 50, 50}, {10, 11, 12, 13}},
        new double[] {1000, 0, 500});
  }

  static double[] value(String feature, PanelMarketView v, TakerSource[] sources) {
    CrossSectionalFeature f = REGISTRY.resolve(feature);
    double[] out = new double[3];
    ((FlowFeature) f).compute(v, new boolean[] {true, true, true}, new double[3], out, sources);
    return out;
  }

  @Test
  void bulkVolumeClassification_whenNoTakerVolumeIsMeasured() {
    // r = ln(102/100), ln(101/102), ln(104/101); σ their sample deviation; buy share Φ(r/σ):
    // OFI = Σ(2Φ − 1)·V / ΣV = 0.38193527..., VPIN = Σ|2Φ − 1|·V / ΣV = 0.62906135...
    TakerSource[] sources = new TakerSource[3];
    assertThat(value("ofi_3h", view(), sources)[0]).isCloseTo(0.3819352708422658, within(1e-6));
    assertThat(sources[0]).isEqualTo(TakerSource.BVC);
    assertThat(value("tick_vpin_3h", view(), sources)[0])
        .isCloseTo(0.6290613598924735, within(1e-6));
    // no volume at all: no usable source, missing
    assertThat(value("ofi_3h", view(), sources)[1]).isNaN();
    assertThat(sources[1]).isEqualTo(TakerSource.NONE);
  }

  @Test
  void klineTakerBuyVolume_isUsedWhereThe12ColumnLayoutHasIt() {
    PanelMarketView v = view();
    TakerColumns cols = columns(v);
    cols.kline(1, 0, 700).kline(2, 0, 400).kline(3, 0, 500);
    v.takerFlow(cols.takerBuy(), cols.sources());
    TakerSource[] sources = new TakerSource[3];
    // (2·700 − 1000) + (2·400 − 1000) + (2·500 − 1000) = 400 − 200 + 0 over 3,000
    assertThat(value("ofi_3h", v, sources)[0]).isCloseTo(200.0 / 3000, within(1e-12));
    assertThat(sources[0]).isEqualTo(TakerSource.KLINE);
    assertThat(value("tick_vpin_3h", v, sources)[0]).isCloseTo(600.0 / 3000, within(1e-12));
    // instrument 2 has no taker column: it is classified in bulk
    assertThat(sources[2]).isEqualTo(TakerSource.BVC);
  }

  @Test
  void ticks_winOverTheKline_andAPartlyMeasuredWindowIsAsWeakAsItsWeakestBar() {
    PanelMarketView v = view();
    TakerColumns cols = columns(v);
    cols.kline(1, 0, 0).kline(2, 0, 0).kline(3, 0, 0);
    // taker buy shares 0.9, 0.6, 0.3 in bars 1..3, trades from bar 1's open to bar 3's end
    List<TradeTick> ticks = new ArrayList<>();
    double[] share = {0.9, 0.6, 0.3};
    for (int b = 0; b < 3; b++) {
      long open = (b + 1) * H;
      ticks.add(tick(open, 100 * share[b], false));
      ticks.add(tick(open + H - 1, 100 * (1 - share[b]), true));
    }
    assertThat(cols.ticks(0, ticks)).isEqualTo(3);
    v.takerFlow(cols.takerBuy(), cols.sources());
    TakerSource[] sources = new TakerSource[3];
    // (0.8 + 0.2 − 0.4)·1000 / 3000 = 0.2; VPIN (0.8 + 0.2 + 0.4) / 3 = 0.4666...
    assertThat(value("ofi_3h", v, sources)[0]).isCloseTo(0.2, within(1e-12));
    assertThat(sources[0]).isEqualTo(TakerSource.TICKS);
    assertThat(value("tick_vpin_3h", v, sources)[0]).isCloseTo(1.4 / 3, within(1e-12));

    PanelMarketView partly = view();
    TakerColumns last = columns(partly).kline(3, 0, 1000);
    partly.takerFlow(last.takerBuy(), last.sources());
    value("ofi_3h", partly, sources);
    assertThat(sources[0]).isEqualTo(TakerSource.BVC);
  }

  @Test
  void ticksCoveringPartOfABar_leaveItToTheOtherSources() {
    PanelMarketView v = view();
    TakerColumns cols = columns(v);
    assertThat(cols.ticks(0, List.of(tick(3 * H + 10, 1, false), tick(3 * H + 500, 1, true))))
        .isZero();
    assertThat(cols.sources()[3 * 3]).isEqualTo((byte) TakerSource.NONE.ordinal());
  }

  @Test
  void zscoreOfi_isTheCrossSectionalZScore_andRegistryNamesResolve() {
    PanelMarketView v = view();
    double[] raw = value("ofi_3h", v, null);
    double[] z = value("zscore_ofi_3h", v, null);
    // two valid values (instruments 0 and 2): z = ±1/√2
    assertThat(z[0]).isCloseTo(raw[0] > raw[2] ? Math.sqrt(0.5) : -Math.sqrt(0.5), within(1e-12));
    assertThat(z[1]).isNaN();
    assertThat(REGISTRY.resolve("ofi_14d").lookbackBars(H)).isEqualTo(336);
    assertThat(REGISTRY.resolve("tick_vpin_24h").lookbackBars(H)).isEqualTo(24);
  }

  static TakerColumns columns(PanelMarketView v) {
    int n = v.instrumentCount();
    long[] times = new long[v.history()];
    double[] qv = new double[v.history() * n];
    for (int t = 0; t < times.length; t++) {
      times[t] = t * H;
      for (int i = 0; i < n; i++) {
        qv[t * n + i] = v.quoteVolume(i, times.length - 1 - t);
      }
    }
    return new TakerColumns(times, H, n, qv);
  }

  static TradeTick tick(long timeMs, double quantity, boolean buyerMaker) {
    return new TradeTick(InstrumentId.usdtPerp("C0"), timeMs, timeMs, 1.0, quantity, buyerMaker);
  }
}
