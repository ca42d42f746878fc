package io.perpetua.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.KlineCsvReader;
import org.junit.jupiter.api.Test;

class DollarBarsTest {
  private static final long H = 3_600_000L;

  @Test
  void build_mergesUntilThreshold_stampedAtLastConstituent() {
    BarSeries.Builder b = BarSeries.builder(InstrumentId.usdtPerp("X"), Timeframe.H1);
    b.add(0, 10, 11, 9, 10.5, 1, 400);
    b.add(H, 10.5, 12, 10, 11, 1, 700); // 1,100 >= 1,000: bar 1 closes here
    b.add(2 * H, 11, 11, 8, 9, 1, 2_500); // alone above threshold: bar 2
    b.add(3 * H, 9, 9.5, 8.5, 9.2, 1, 100); // incomplete: dropped
    BarSeries dollar = DollarBars.build(b.build(), 1_000);
    assertThat(dollar.size()).isEqualTo(2);
    assertThat(dollar.openTimeMs(0)).isEqualTo(H);
    assertThat(dollar.open(0)).isEqualTo(10);
    assertThat(dollar.high(0)).isEqualTo(12);
    assertThat(dollar.low(0)).isEqualTo(9);
    assertThat(dollar.close(0)).isEqualTo(11);
    assertThat(dollar.quoteVolume(0)).isEqualTo(1_100);
    assertThat(dollar.openTimeMs(1)).isEqualTo(2 * H);
  }

  @Test
  void realBtc_defaultThreshold_yieldsAboutTheRequestedBarsPerDay() throws Exception {
    var file = SharedData.require("binance-um-klines/1h/BTCUSDT-1h.csv.gz");
    BarSeries hourly =
        new KlineCsvReader(ErrorPolicy.STOP)
            .read(file, InstrumentId.usdtPerp("BTC"), Timeframe.H1)
            .series();
    double threshold = DollarBars.thresholdFor(hourly, 6);
    BarSeries dollar = DollarBars.build(hourly, threshold);
    double days = (hourly.lastOpenTimeMs() - hourly.firstOpenTimeMs()) / 86_400_000.0;
    assertThat(dollar.size() / days).isCloseTo(6.0, within(2.0));
    double total = 0;
    for (int i = 0; i < dollar.size(); i++) {
      assertThat(dollar.quoteVolume(i)).isGreaterThanOrEqualTo(threshold);
      total += dollar.quoteVolume(i);
    }
    assertThat(total)
        .isLessThanOrEqualTo(
            java.util.stream.IntStream.range(0, hourly.size())
                    .mapToDouble(hourly::quoteVolume)
                    .sum()
                + 1e-6);
  }
}
