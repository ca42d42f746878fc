package io.perpetua.backtest.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Money;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.port.OrderRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A factory strategy evaluated on history through the trading kernel, with the backtest metrics.
 */
class FlowBacktestTest {
  private static final long WARMUP = 75 * 60_000L;

  static FactoryStrategyDefinition eager() {
    return new FactoryStrategyDefinition(
        "eager", "BTCUSDT", "both", 10_000, "5m", "30m", 50, 30, 10, 10, 60, true, 0.0001, false,
        50_000, 0.5, false, 0.5, false, 0.005, 1.0, 0.5, 1.0, 30, 65);
  }

  /** 150 minutes of seeded synthetic BTCUSDT flow. */
  static List<io.perpetua.market.tick.FlowTick> synthetic() {
    return new SyntheticTickGenerator(
            5, 1_700_000_000_000L, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)))
        .generate(150 * 60_000L);
  }

  @Test
  void syntheticFlow_tradesAndMetricsAgree_andTheRunIsDeterministic() {
    var ticks = synthetic();
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
  void everyTrade_isTheKernelsOrdersAndFills_feesAndQuantitiesExact() {
    var ticks = synthetic();
    FlowBacktest.Result r = FlowBacktest.run(eager(), ticks, WARMUP);
    assertThat(r.trades()).isNotEmpty();
    Map<ClientOrderId, OrderRecord> orders = new HashMap<>();
    r.orders().forEach(o -> orders.put(o.order().clientOrderId(), o));
    assertThat(orders).hasSameSizeAs(r.orders()); // no client order id twice
    assertThat(r.fills()).allMatch(f -> orders.containsKey(f.clientOrderId()));
    String[] legs = {
      "entry",
      "entry-mkt",
      "tp1",
      "tp2",
      "tp1-mkt",
      "tp2-mkt",
      "sl",
      "sl-be",
      "timeout-lmt",
      "timeout-mkt",
      "flatten"
    };
    for (ClosedFlowTrade t : r.trades()) {
      Money fees = Money.ZERO;
      double bought = 0;
      double sold = 0;
      for (String leg : legs) {
        ClientOrderId id = ClientOrderIds.derive(t.strategyId(), t.id(), leg);
        for (Fill f : r.fills()) {
          if (f.clientOrderId().equals(id)) {
            fees = fees.plus(f.fee());
            bought += f.side() == OrderSide.BUY ? f.quantity().toDouble() : 0;
            sold += f.side() == OrderSide.SELL ? f.quantity().toDouble() : 0;
            assertThat(orders.get(id).order().reduceOnly()).isEqualTo(!leg.startsWith("entry"));
          }
        }
      }
      assertThat(fees).as("fees of %s", t.id()).isEqualTo(t.fees());
      assertThat(bought).as("flat after %s", t.id()).isCloseTo(sold, offset(1e-9));
      assertThat(bought).isCloseTo(t.quantity(), offset(1e-9));
    }
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

  @Test
  void hostileTicks_duplicateOutOfOrderAndBackwards_neverReachTheEngine() {
    var clean = synthetic();
    List<io.perpetua.market.tick.FlowTick> hostile = new java.util.ArrayList<>();
    int injected = 0;
    io.perpetua.market.tick.AggTrade previous = null;
    for (var t : clean) {
      hostile.add(t);
      if (t instanceof io.perpetua.market.tick.AggTrade a) {
        if (previous != null && injected < 30) {
          // the same trade again, an older id, and a newer id stamped before the last trade
          hostile.add(a);
          hostile.add(withId(a, previous.aggId()));
          hostile.add(
              new io.perpetua.market.tick.AggTrade(
                  a.instrument(), a.aggId() + 1_000_000, a.timeMs() - 1, 1.0, 1e6, true));
          injected++;
        }
        previous = a;
      }
    }
    FlowBacktest.Result dirty = FlowBacktest.run(eager(), hostile, WARMUP);
    FlowBacktest.Result r = FlowBacktest.run(eager(), clean, WARMUP);
    assertThat(injected).isEqualTo(30);
    assertThat(dirty.ticks()).isEqualTo(clean.size());
    assertThat(dirty.trades()).isEqualTo(r.trades());
    assertThat(dirty.evaluations()).isEqualTo(r.evaluations());
  }

  private static io.perpetua.market.tick.AggTrade withId(
      io.perpetua.market.tick.AggTrade a, long id) {
    return new io.perpetua.market.tick.AggTrade(
        a.instrument(), id, a.timeMs(), a.price(), a.quantity(), a.buyerMaker());
  }
}
