package io.perpetua.market.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticTickGeneratorTest {
  private static List<SyntheticFlowSymbol> symbols() {
    return List.of(
        SyntheticFlowSymbol.preset("BTCUSDT", 60_000),
        SyntheticFlowSymbol.preset("ETHUSDT", 3_000),
        SyntheticFlowSymbol.preset("SOLUSDT", 150),
        SyntheticFlowSymbol.preset("XRPUSDT", 0.6),
        SyntheticFlowSymbol.preset("DOGEUSDT", 0.15));
  }

  @Test
  void sameSeed_sameTicks_inTimeOrder_withEveryInputKind() {
    var a = new SyntheticTickGenerator(7, 1_700_000_000_000L, symbols()).generate(1_800_000);
    var b = new SyntheticTickGenerator(7, 1_700_000_000_000L, symbols()).generate(1_800_000);
    assertThat(a).isEqualTo(b);
    for (int i = 1; i < a.size(); i++) {
      assertThat(a.get(i).timeMs()).isGreaterThanOrEqualTo(a.get(i - 1).timeMs());
    }
    assertThat(a).hasAtLeastOneElementOfType(AggTrade.class);
    assertThat(a).hasAtLeastOneElementOfType(MarkPriceUpdate.class);
    assertThat(a).hasAtLeastOneElementOfType(OpenInterestUpdate.class);
    assertThat(a).hasAtLeastOneElementOfType(PositionRatios.class);
    assertThat(a).hasAtLeastOneElementOfType(BookImbalance.class);
    assertThat(a).hasAtLeastOneElementOfType(SpotPerpDivergence.class);
    assertThat(a.stream().map(t -> t.instrument().venueSymbol()).distinct()).hasSize(5);
  }

  @Test
  void tradeSizes_areFatTailed_withWhales_andIntensityBursts() {
    var ticks = new SyntheticTickGenerator(11, 0, List.of(symbols().get(0))).generate(3_600_000);
    double[] qty =
        ticks.stream()
            .filter(AggTrade.class::isInstance)
            .mapToDouble(t -> ((AggTrade) t).quantity())
            .sorted()
            .toArray();
    double median = qty[qty.length / 2];
    double p999 = qty[(int) (qty.length * 0.999)];
    assertThat(p999 / median).as("fat tail p99.9/median").isGreaterThan(30);
    long whales =
        ticks.stream()
            .filter(AggTrade.class::isInstance)
            .filter(t -> ((AggTrade) t).notional() >= 100_000)
            .count();
    assertThat(whales).isGreaterThan(10);
    long[] perMinute = new long[60];
    ticks.stream()
        .filter(AggTrade.class::isInstance)
        .forEach(t -> perMinute[(int) (t.timeMs() / 60_000)]++);
    long max = Arrays.stream(perMinute).max().orElseThrow();
    double mean = Arrays.stream(perMinute).average().orElseThrow();
    assertThat(max / mean).as("burstiness").isGreaterThan(1.3);
  }
}
