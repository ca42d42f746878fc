package io.perpetua.market;

import static io.perpetua.market.TestSeries.H;
import static io.perpetua.market.TestSeries.T0;
import static io.perpetua.market.TestSeries.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignedBarsTest {
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  static final InstrumentId SOL = InstrumentId.usdtPerp("SOL");

  @TempDir Path dir;

  /** SOL from step 0 with a gap at 3; BTC listed at step 2; ETH listed at 4, inserted first. */
  static Map<InstrumentId, BarSeries> staggered() {
    Map<InstrumentId, BarSeries> m = new LinkedHashMap<>();
    m.put(SOL, hourly("SOL", 0, 1, 2, 4, 5));
    m.put(ETH, hourly("ETH", 4, 5, 6));
    m.put(BTC, hourly("BTC", 2, 3, 4, 5, 6));
    return m;
  }

  @Test
  void of_staggeredListings_alignsOnUnionWithNaNWhereNoBar() {
    AlignedBars a = AlignedBars.of(staggered(), T0, T0 + 100 * H);
    assertThat(a.instruments()).containsExactly(BTC, ETH, SOL);
    assertThat(a.size()).isEqualTo(7);
    assertThat(a.instrumentCount()).isEqualTo(3);
    assertThat(a.times())
        .containsExactly(T0, T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H, T0 + 5 * H, T0 + 6 * H);
    int btc = a.index(BTC);
    int eth = a.index(ETH);
    int sol = a.index(SOL);
    assertThat(new int[] {btc, eth, sol}).containsExactly(0, 1, 2);
    assertThat(a.close(0, btc)).isNaN();
    assertThat(a.close(2, btc)).isEqualTo(102);
    assertThat(a.close(3, eth)).isNaN();
    assertThat(a.open(4, eth)).isEqualTo(103.5);
    assertThat(a.high(4, eth)).isEqualTo(105);
    assertThat(a.low(4, eth)).isEqualTo(103);
    assertThat(a.volume(4, eth)).isEqualTo(14);
    assertThat(a.quoteVolume(4, eth)).isEqualTo(104 * 14);
    assertThat(a.close(3, sol)).as("gap").isNaN();
    assertThat(a.hasBar(3, sol)).isFalse();
    assertThat(a.close(6, sol)).as("after last bar").isNaN();
    assertThat(a.get(BarField.CLOSE, 5, sol)).isEqualTo(105);
    assertThat(a.firstStep(eth)).isEqualTo(4);
    assertThat(a.index(InstrumentId.usdtPerp("XRP"))).isEqualTo(-1);
    assertThat(a.timeframe()).isEqualTo(Timeframe.H1);
  }

  @Test
  void of_flatArraysAreTimeMajor() {
    AlignedBars a = AlignedBars.of(staggered(), T0, T0 + 100 * H);
    double[] close = a.column(BarField.CLOSE);
    assertThat(close).hasSize(7 * 3);
    assertThat(close[4 * 3 + 1]).isEqualTo(a.close(4, 1));
    double[] row = new double[3];
    a.copyRow(BarField.CLOSE, 5, row);
    assertThat(row).containsExactly(105, 105, 105);
  }

  @Test
  void of_range_isHalfOpenAndDropsInstrumentsWithoutBarsToNaNColumns() {
    AlignedBars a = AlignedBars.of(staggered(), T0 + H, T0 + 4 * H);
    assertThat(a.times()).containsExactly(T0 + H, T0 + 2 * H, T0 + 3 * H);
    assertThat(a.instruments()).containsExactly(BTC, ETH, SOL);
    for (int t = 0; t < a.size(); t++) {
      assertThat(a.hasBar(t, a.index(ETH))).isFalse();
    }
    assertThat(a.indexOfTime(T0 + 3 * H)).isEqualTo(2);
    assertThat(a.lowerBound(T0 + 3 * H + 1)).isEqualTo(3);
  }

  @Test
  void of_insertionOrderDoesNotMatter() {
    Map<InstrumentId, BarSeries> reversed = new LinkedHashMap<>();
    staggered().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> reversed.put(e.getKey(), e.getValue()));
    AlignedBars a = AlignedBars.of(staggered(), T0, T0 + 10 * H);
    AlignedBars b = AlignedBars.of(reversed, T0, T0 + 10 * H);
    assertThat(b.instruments()).isEqualTo(a.instruments());
    assertThat(b.column(BarField.CLOSE)).isEqualTo(a.column(BarField.CLOSE));
  }

  @Test
  void of_mismatchedKeysOrTimeframes_areRejected() {
    Map<InstrumentId, BarSeries> wrong = Map.of(BTC, hourly("ETH", 1));
    assertThatThrownBy(() -> AlignedBars.of(wrong, 0, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlignedBars.of(Map.of(), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    AlignedBars empty = AlignedBars.of(Timeframe.H1, Map.of(), 0, 1);
    assertThat(empty.size()).isZero();
    assertThat(empty.instrumentCount()).isZero();
  }

  @Test
  void fromCatalog_equalsAlignmentOfTheStoredSeries() throws IOException {
    BarCatalog catalog = new BarCatalog(dir);
    for (BarSeries s : staggered().values()) {
      catalog.write(s);
    }
    AlignedBars fromCatalog = AlignedBars.fromCatalog(catalog, Timeframe.H1, T0 + H, T0 + 6 * H);
    AlignedBars direct = AlignedBars.of(staggered(), T0 + H, T0 + 6 * H);
    assertThat(fromCatalog.instruments()).isEqualTo(direct.instruments());
    assertThat(fromCatalog.times()).isEqualTo(direct.times());
    for (BarField f : BarField.values()) {
      assertThat(fromCatalog.column(f)).isEqualTo(direct.column(f));
    }
    assertThat(AlignedBars.fromCatalog(catalog, Timeframe.D1, 0, Long.MAX_VALUE).size()).isZero();
  }
}
