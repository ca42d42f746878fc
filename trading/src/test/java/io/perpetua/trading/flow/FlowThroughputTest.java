package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints the throughput of four flow strategies on the trading kernel (simulated venue) on 2 h of
 * synthetic BTC flow (no JMH; the bench module's {@code FlowKernelThroughput} is the benchmark).
 */
class FlowThroughputTest {
  @Test
  void syntheticBtc_twoHours_fourStrategies() {
    List<FlowTick> ticks = FlowTestKit.synthetic(3, 2 * 3_600_000L, "BTCUSDT");
    long trades = ticks.stream().filter(AggTrade.class::isInstance).count();
    double best = 0;
    Recorder rec = null;
    for (int run = 0; run < 3; run++) {
      rec = new Recorder();
      var strategy =
          new KernelFlowStrategy(
              FlowEngineSettings.paper("tp").withDefaultWarmupMs(FlowTestKit.WARMUP), rec);
      FlowTestKit.strategies(List.of("BTCUSDT")).forEach(strategy::upsertStrategy);
      var kernel =
          TickKernels.simulated(
              FlowTestKit.instruments(ticks, List.of("BTCUSDT")),
              null,
              new KernelListener() {},
              strategy,
              FlowTestKit.START - 60_000);
      long t0 = System.nanoTime();
      ticks.forEach(kernel::onTick);
      best = Math.max(best, ticks.size() / ((System.nanoTime() - t0) / 1e9));
    }
    assertThat(rec.evaluations).isNotEmpty();
    assertThat(rec.closed).isNotEmpty();
    System.out.printf(
        Locale.ROOT,
        "synthetic BTC 2 h: %d ticks (%d aggTrades), best of 3: %.0f ticks/s%n",
        ticks.size(),
        trades,
        best);
  }
}
