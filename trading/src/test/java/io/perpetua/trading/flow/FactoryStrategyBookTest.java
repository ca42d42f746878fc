package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.time.ManualClock;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowValidationException;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactoryStrategyBookTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @Test
  void lifecycle_createEditPauseResumeDeprecateRestore_andAddBalance() {
    var rec = new Recorder();
    var strategy =
        new KernelFlowStrategy(
            FlowEngineSettings.paper("book").withDefaultWarmupMs(75 * 60_000L), rec);
    List<FlowTick> ticks = FlowTestKit.synthetic(4, 100 * 60_000L, "BTCUSDT");
    var kernel = // the strategy on the kernel, as the platform runs it
        TickKernels.simulated(
            FlowTestKit.instruments(ticks, List.of("BTCUSDT")),
            null,
            new KernelListener() {},
            strategy,
            ticks.get(0).timeMs() - 60_000);
    var clock = new ManualClock(0);
    var book = new FactoryStrategyBook(strategy, Set.of(BTC), clock);
    var row = book.create(FactoryStrategyDefinition.defaults("Alpha", "BTCUSDT"));
    assertThat(row.status()).isEqualTo(StrategyStatus.RUNNING);
    assertThat(strategy.balance(row.id())).isEqualTo(Money.of(10_000));
    assertThatThrownBy(() -> book.create(FactoryStrategyDefinition.defaults("ALPHA", "BTCUSDT")))
        .isInstanceOf(FlowValidationException.class)
        .hasMessageContaining("display_name");
    assertThatThrownBy(() -> book.create(FactoryStrategyDefinition.defaults("Beta", "ETHUSDT")))
        .hasMessageContaining("unknown symbol");

    int half = ticks.size() / 2;
    ticks.subList(0, half).forEach(kernel::onTick);
    var edited =
        book.edit(
            row.id(),
            new FactoryStrategyDefinition(
                "Alpha",
                "BTCUSDT",
                "long_only",
                10_000,
                "15m",
                "1h",
                55,
                25,
                15,
                5,
                70,
                true,
                0.0001,
                true,
                50_000,
                0.5,
                false,
                0.3,
                false,
                0.003,
                1.5,
                0.75,
                1.5,
                240,
                80));
    assertThat(edited.version()).isEqualTo(2);
    ticks.subList(half, ticks.size()).forEach(kernel::onTick);
    assertThat(rec.evaluations).isNotEmpty();
    var last = rec.evaluations.get(rec.evaluations.size() - 1);
    assertThat(last.strategyVersion()).isEqualTo("2");

    book.pause(row.id());
    int before = rec.evaluations.size();
    long after = ticks.get(ticks.size() - 1).timeMs() + 1000;
    var more =
        new SyntheticTickGenerator(
            5, after, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)));
    more.generate(10 * 60_000L).forEach(kernel::onTick);
    assertThat(rec.evaluations).as("paused: no evaluations").hasSize(before);
    assertThatThrownBy(() -> book.pause(row.id())).hasMessageContaining("is paused");
    book.resume(row.id());
    more.generate(5 * 60_000L).forEach(kernel::onTick);
    assertThat(rec.evaluations).as("resumed").hasSizeGreaterThan(before + 10);
    book.deprecate(row.id());
    assertThatThrownBy(
            () -> book.edit(row.id(), FactoryStrategyDefinition.defaults("A", "BTCUSDT")))
        .hasMessageContaining("deprecated");
    assertThat(book.restore(row.id()).status()).isEqualTo(StrategyStatus.PAUSED);

    var topped = book.addBalance(row.id(), Money.of(5_000));
    assertThat(topped.initialBalance()).isEqualTo(Money.of(15_000));
    assertThat(book.get(row.id()).orElseThrow().initialBalance()).isEqualTo(Money.of(15_000));
    assertThatThrownBy(() -> book.addBalance(row.id(), Money.of(2_000_000)))
        .hasMessageContaining("amount");
    assertThat(strategy.balance(row.id())).isEqualTo(Money.of(15_000).plus(closedPnl(rec)));
    assertThat(book.rows()).hasSize(1);
  }

  private static Money closedPnl(Recorder rec) {
    Money sum = Money.ZERO;
    for (ClosedFlowTrade t : rec.closed) {
      sum = sum.plus(t.pnl());
    }
    return sum;
  }
}
