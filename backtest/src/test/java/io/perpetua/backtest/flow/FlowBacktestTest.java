package io.perpetua.backtest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.ClosedFlowTrade;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A factory strategy evaluated on history through the flow engine, with the backtest metrics. */
class FlowBacktestTest {
  private static final long WARMUP = 75 * 60_000L;

  static FactoryStrategyDefinition eager() {
    return new FactoryStrategyDefinition(
        "eager", "BTCUSDT", "both", 10_000, "5m", "30m", 50, 30, 10, 10, 60, true, 0.0001, false,
        50_000, 0.5, false, 0.5, false, 0.005, 1.0, 0.5, 1.0, 30, 65);
  }

  @Test
  void syntheticFlow_tradesAndMetricsAgree_andTheRunIsDeterministic() {
    var ticks =
        new SyntheticTickGenerator(
                5, 1_700_000_000_000L, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)))
            .generate(150 * 60_000L);
    FlowBacktest.Result r = FlowBacktest.run(eager(), ticks, WARMUP);
    assertThat(r.ticks()).isEqualTo(ticks.size());
    assertThat(r.evaluations()).isPositive();
    assertThat(r.trades()).isNotEmpty();
    assertThat(r.entries()).isEqualTo(r.trades().size() + r.openAtEnd());
    assertThat(r.metrics().totalTrades()).isEqualTo(r.trades().size());
    assertThat(r.statistics().trades()).isEqualTo(r.trades().size());
    double money = r.trades().stream().mapToDouble(t -> t.pnl().toDouble()).sum();
    double[] eq = r.equity().equity();
    assertThat(eq[0]).isEqualTo(10_000);
    assertThat(eq[eq.length - 1] - eq[0])
        .isCloseTo(money, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.metrics().totalReturn())
        .isCloseTo(money / 10_000, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(FlowBacktest.run(eager(), ticks, WARMUP).trades()).isEqualTo(r.trades());
  }

  @Test
  void realTickSample_replaysThroughTheBacktest() {
    var file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    var trades = TradeFileReader.readAggTrades(file);
    var def =
        new FactoryStrategyDefinition(
            "replay", "BTCUSDT", "both", 10_000, "5m", "30m", 50, 30, 10, 10, 60, true, 0.0001,
            true, 100_000, 0.5, false, 0.3, false, 0.003, 1.0, 0.5, 1.0, 30, 60);
    FlowBacktest.Result r = FlowBacktest.run(def, trades, WARMUP);
    assertThat(r.evaluations()).isGreaterThan(150);
    assertThat(r.entries()).isPositive();
    assertThat(r.trades())
        .extracting(ClosedFlowTrade::strategyId)
        .allMatch(id -> id.value().equals("factory-1"));
  }
}
