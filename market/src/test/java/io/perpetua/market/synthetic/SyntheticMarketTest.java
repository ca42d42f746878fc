package io.perpetua.market.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarChecks;
import io.perpetua.market.BarField;
import io.perpetua.market.FundingSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {
  static final SyntheticMarket.Config SMALL =
      SyntheticMarket.Config.defaults().withSymbolCount(20).withBars(Timeframe.H1, 4000);

  @Test
  void generate_sameSeed_identicalArrays() {
    SyntheticMarket a = SyntheticMarket.generate(SMALL);
    SyntheticMarket b = SyntheticMarket.generate(SMALL);
    assertThat(b.bars().times()).isEqualTo(a.bars().times());
    for (BarField f : BarField.values()) {
      assertThat(b.bars().column(f)).as(f.name()).isEqualTo(a.bars().column(f));
    }
    assertThat(b.funding()).isEqualTo(a.funding());
    assertThat(b.series()).isEqualTo(a.series());
  }

  @Test
  void generate_differentSeed_differentArrays() {
    AlignedBars a = SyntheticMarket.generate(SMALL).bars();
    AlignedBars b = SyntheticMarket.generate(SMALL.withSeed(43)).bars();
    assertThat(b.column(BarField.CLOSE)).isNotEqualTo(a.column(BarField.CLOSE));
  }

  @Test
  void generate_defaults_120HourlySymbolsOver60Days() {
    SyntheticMarket m = SyntheticMarket.generate();
    AlignedBars bars = m.bars();
    assertThat(bars.instrumentCount()).isEqualTo(120);
    assertThat(bars.size()).isEqualTo(60 * 24);
    assertThat(bars.timeframe()).isEqualTo(Timeframe.H1);
    assertThat(bars.instruments()).isSorted();
    assertThat(bars.time(1) - bars.time(0)).isEqualTo(Timeframe.H1.millis());
  }

  @Test
  void generate_everyBarIsValid_andPricesSpanTinyToLarge() {
    AlignedBars b = SyntheticMarket.generate().bars();
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int t = 0; t < b.size(); t++) {
      for (int i = 0; i < b.instrumentCount(); i++) {
        if (!b.hasBar(t, i)) {
          assertThat(b.volume(t, i)).isNaN();
          continue;
        }
        String violation =
            BarChecks.violation(
                b.open(t, i),
                b.high(t, i),
                b.low(t, i),
                b.close(t, i),
                b.volume(t, i),
                b.quoteVolume(t, i));
        assertThat(violation).as("t=%d i=%d", t, i).isNull();
        min = Math.min(min, b.close(t, i));
        max = Math.max(max, b.close(t, i));
      }
    }
    assertThat(min).isLessThan(0.05);
    assertThat(max).isGreaterThan(20_000);
  }

  @Test
  void generate_lateListings_areNaNBeforeListingThenContinuous() {
    SyntheticMarket m = SyntheticMarket.generate(SMALL.withLateListingFraction(0.5));
    AlignedBars b = m.bars();
    int late = 0;
    for (int i = 0; i < b.instrumentCount(); i++) {
      int first = b.firstStep(i);
      assertThat(first).isGreaterThanOrEqualTo(0);
      if (first > 0) {
        late++;
        assertThat(b.close(first - 1, i)).isNaN();
      }
      for (int t = first; t < b.size(); t++) {
        assertThat(b.hasBar(t, i)).isTrue();
      }
    }
    assertThat(late).isBetween(3, 17);
    assertThat(b.firstStep(b.index(InstrumentId.usdtPerp("SYN000")))).isZero();
  }

  @Test
  void generate_fundingEvery8hAt00_08_16_meanRevertingAroundOneBasisPoint() {
    SyntheticMarket m = SyntheticMarket.generate();
    double sum = 0;
    int n = 0;
    for (FundingSeries s : m.funding().values()) {
      assertThat(s.venue()).isEqualTo(SyntheticMarket.VENUE);
      long listed = m.series().get(s.instrument()).firstOpenTimeMs();
      assertThat(s.timeMs(0)).isGreaterThanOrEqualTo(listed).isLessThan(listed + 8 * 3_600_000L);
      for (int k = 0; k < s.size(); k++) {
        assertThat(s.timeMs(k) % (8 * 3_600_000L)).isZero();
        if (k > 0) {
          assertThat(s.timeMs(k) - s.timeMs(k - 1)).isEqualTo(8 * 3_600_000L);
        }
        sum += s.rate(k);
        n++;
      }
    }
    assertThat(sum / n).isBetween(0.00005, 0.00015);
  }

  @Test
  void generate_stylisedFacts_fatTailsClusteringCorrelation() {
    SyntheticMarket m = SyntheticMarket.generate(SMALL.withLateListingFraction(0));
    AlignedBars b = m.bars();
    int n = b.instrumentCount();
    double[][] returns = new double[n][b.size() - 1];
    for (int i = 0; i < n; i++) {
      for (int t = 1; t < b.size(); t++) {
        returns[i][t - 1] = Math.log(b.close(t, i) / b.close(t - 1, i));
      }
    }
    double kurtosis = 0;
    double squaredAutocorrelation = 0;
    for (double[] r : returns) {
      kurtosis += Stats.excessKurtosis(r);
      squaredAutocorrelation += Stats.lag1Autocorrelation(Stats.squares(r));
    }
    double crossCorrelation = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        crossCorrelation += Stats.correlation(returns[i], returns[j]);
        pairs++;
      }
    }
    assertThat(kurtosis / n).as("mean excess kurtosis").isGreaterThan(1);
    assertThat(squaredAutocorrelation / n).as("mean lag-1 autocorr of r²").isGreaterThan(0.05);
    assertThat(crossCorrelation / pairs).as("mean cross-correlation").isBetween(0.3, 0.7);
  }

  @Test
  void generate_zeroCorrelation_hasNoCommonFactor() {
    AlignedBars b = SyntheticMarket.generate(SMALL.withMarketCorrelation(0)).bars();
    double[] x = new double[b.size() - 1];
    double[] y = new double[b.size() - 1];
    for (int t = 1; t < b.size(); t++) {
      x[t - 1] = Math.log(b.close(t, 0) / b.close(t - 1, 0));
      y[t - 1] = Math.log(b.close(t, 1) / b.close(t - 1, 1));
    }
    assertThat(Math.abs(Stats.correlation(x, y))).isLessThan(0.1);
  }

  @Test
  void config_namesAndValidation() {
    SyntheticMarket m =
        SyntheticMarket.generate(
            SMALL.withNames(List.of("BTC", "ETH", "PEPE")).withBars(Timeframe.D1, 30));
    assertThat(m.bars().instruments())
        .extracting(InstrumentId::apiSymbol)
        .containsExactly("BTC/USDT:USDT", "ETH/USDT:USDT", "PEPE/USDT:USDT");
    assertThat(m.bars().time(1) - m.bars().time(0)).isEqualTo(Timeframe.D1.millis());
    assertThatThrownBy(() -> SMALL.withMarketCorrelation(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SMALL.withNames(List.of("BTC", "BTC")))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> SMALL.withSymbolCount(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
