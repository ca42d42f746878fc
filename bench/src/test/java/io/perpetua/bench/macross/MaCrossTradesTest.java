package io.perpetua.bench.macross;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.SharedData;
import java.io.IOException;
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
    assertSameTrades(kernel.trades(), bare);
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
    assertThat(panel.trades().symbolsDiffering(bare)).isZero();
    assertThat(panel.rejections()).isZero();
  }
}
