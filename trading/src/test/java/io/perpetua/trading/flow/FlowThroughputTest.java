package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Prints the engine's throughput on 2 h of synthetic BTC flow with four strategies (no JMH). */
class FlowThroughputTest {
  @Test
  void syntheticBtc_twoHours_fourStrategies() {
    List<FlowTick> ticks = FlowEngineTest.synthetic(3, 2 * 3_600_000L, "BTCUSDT");
    long trades = ticks.stream().filter(AggTrade.class::isInstance).count();
    double best = 0;
    Recorder rec = null;
    for (int run = 0; run < 3; run++) {
      rec = new Recorder();
      var engine =
          new FlowEngine(FlowEngineSettings.paper("tp").withDefaultWarmupMs(75 * 60_000L), rec);
      FlowEngineTest.strategies(List.of("BTCUSDT")).forEach(engine::upsertStrategy);
      long t0 = System.nanoTime();
      ticks.forEach(engine::onTick);
      best = Math.max(best, ticks.size() / ((System.nanoTime() - t0) / 1e9));
    }
    assertThat(rec.evaluations).isNotEmpty();
    System.out.printf(
        Locale.ROOT,
        "synthetic BTC 2 h: %d ticks (%d aggTrades), best of 3: %.0f ticks/s%n",
        ticks.size(),
        trades,
        best);
  }
}
