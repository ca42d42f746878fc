package io.perpetua.bench.macross;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.SharedData;
import io.perpetua.market.BarSeries;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ta4j.core.num.DecimalNumFactory;

class MaCrossTradesTest {
  private static final int FAST = 12;
  private static final int SLOW = 48;
  private static MaCrossData real;

  private static synchronized MaCrossData realHourlyData() throws IOException {
    if (real == null) {
      real = MaCrossData.load(SharedData.require("binance-um-klines/1h"));
    }
    return real;
  }

  /**
   * Symbols with a frozen UTC day in the data (every bar of the day without volume at one close):
   * the kernel's asset pool drops such a symbol while it is frozen (issue 15: it must not trade at
   * a frozen price), the bare loop and ta4j trade it on, so their trades may differ there only.
   */
  private static Set<String> frozenSymbols(MaCrossData data) {
    Set<String> frozen = new TreeSet<>();
    long day = 86_400_000L;
    for (int s = 0; s < data.symbolCount(); s++) {
      BarSeries b = data.series(s);
      int i = 0;
      while (i < b.size()) {
        long d = Math.floorDiv(b.openTimeMs(i), day);
        int j = i;
        boolean still = true;
        while (j < b.size() && Math.floorDiv(b.openTimeMs(j), day) == d) {
          still &= b.quoteVolume(j) == 0 && b.close(j) == b.close(i);
          j++;
        }
        if (still) {
          frozen.add(data.symbols().get(s));
        }
        i = j;
      }
    }
    return frozen;
  }

  /** Same fills on every symbol that never froze; differences only where one froze. */
  private static void assertSameTradesOutsideFrozen(
      MaCrossData data, TradeList kernel, TradeList bare) {
    Set<String> frozen = frozenSymbols(data);
    assertThat(frozen).as("symbols with a frozen day").hasSizeLessThan(data.symbolCount() / 10);
    assertThat(kernel.differingSymbols(bare)).isSubsetOf(frozen);
  }

  private static void assertSameTrades(TradeList actual, TradeList expected) {
    assertThat(actual.firstDifference(expected)).isEmpty();
    assertThat(actual).isEqualTo(expected);
  }

  private static TradeList ta4j(MaCrossData data) {
    return Ta4jMaCross.run(
        data.symbols(), Ta4jMaCross.series(data, DecimalNumFactory.getInstance()), FAST, SLOW);
  }

  @Test
  void syntheticBars_everyImplementationTradesAlike() {
    MaCrossData data = SyntheticBars.of(8, 3_000, 11, true);
    TradeList bare = BareLoopMaCross.run(data, FAST, SLOW);
    assertThat(bare.entries()).isGreaterThan(100);
    assertSameTrades(ta4j(data), bare);
    assertSameTrades(
        KernelMaCross.run(data, KernelMaCross.Mode.PER_SYMBOL, FAST, SLOW).trades(), bare);
    assertSameTrades(KernelMaCross.run(data, KernelMaCross.Mode.PANEL, FAST, SLOW).trades(), bare);
  }

  @Test
  void realHourlyData_bareLoopTa4jAndKernelPerSymbol_tradeIdentically() throws IOException {
    MaCrossData data = realHourlyData();
    TradeList bare = BareLoopMaCross.run(data, FAST, SLOW);
    assertThat(data.symbolCount()).isEqualTo(81);
    assertThat(bare.entries()).isEqualTo(29_581);
    assertSameTrades(ta4j(data), bare);
    KernelMaCross.Result kernel =
        KernelMaCross.run(data, KernelMaCross.Mode.PER_SYMBOL, FAST, SLOW);
    assertSameTradesOutsideFrozen(data, kernel.trades(), bare);
    assertThat(kernel.rejections()).isZero();
  }

  @Test
  void realHourlyData_kernelPanel_tradesExactlyLikeTheBareLoop() throws IOException {
    MaCrossData data = realHourlyData();
    TradeList bare = BareLoopMaCross.run(data, FAST, SLOW);
    KernelMaCross.Result panel = KernelMaCross.run(data, KernelMaCross.Mode.PANEL, FAST, SLOW);
    // BNB (like BTC, ETH and seven others) has no 2023-03-24 13:00 bar: its order sent at 13:01
    // cannot fill at 14:00; the 14:01 decision supersedes it and re-sends it, so it fills at
    // BNB's next bar, as in the bare loop, and no other symbol's decision waits for it
    assertSameTradesOutsideFrozen(data, panel.trades(), bare);
    assertThat(panel.rejections()).isZero();
  }
}
