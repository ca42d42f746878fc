package io.perpetua.trading.kernel;

import static io.perpetua.trading.kernel.BracketKernelTest.BTC;
import static io.perpetua.trading.kernel.BracketKernelTest.T0;
import static io.perpetua.trading.kernel.BracketKernelTest.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketResult;
import io.perpetua.trading.port.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile ticks on the kernel's own tick path: a repeated or older trade id and a trade stamped
 * before the last one are dropped before the clock, the venue, the brackets and the strategies see
 * them, so a run with them equals the clean run.
 */
class KernelHostileTickTest {
  /** The one-bracket strategy of {@link BracketKernelTest}, recording the ticks it was given. */
  static final class Probe implements TickStrategy {
    final BracketKernelTest.OneShot inner = new BracketKernelTest.OneShot(Price.parse("99.900", 3));
    final List<FlowTick> seen = new ArrayList<>();

    @Override
    public void warmUp(FlowTick tick) {
      inner.warmUp(tick);
    }

    @Override
    public void onTick(FlowTick tick, TickContext context) {
      seen.add(tick);
      inner.onTick(tick, context);
    }

    @Override
    public void onBracketClosed(BracketOrder bracket, BracketResult result) {
      inner.onBracketClosed(bracket, result);
    }
  }

  @Test
  void duplicateOlderAndBackwardTrades_neverReachTheBracketsOrTheStrategies() {
    List<AggTrade> hostile =
        List.of(
            trade(0, 100.0),
            trade(100, 99.8),
            new AggTrade(BTC, 100, T0 + 150, 90.0, 10.0, false), // the same id again
            new AggTrade(BTC, 50, T0 + 160, 90.0, 10.0, false), // an older id
            trade(200, 101.0),
            new AggTrade(BTC, 5_000, T0 + 100, 90.0, 10.0, false), // a time going backwards
            trade(300, 102.0));
    Probe clean = new Probe();
    HistoryJournal cleanJournal = new HistoryJournal();
    BracketKernelTest.WINNER.forEach(BracketKernelTest.kernel(clean, cleanJournal)::onTick);
    Probe dirty = new Probe();
    HistoryJournal dirtyJournal = new HistoryJournal();
    TradingKernel k = BracketKernelTest.kernel(dirty, dirtyJournal);
    hostile.forEach(k::onTick);

    assertThat(dirty.seen).isEqualTo(clean.seen);
    assertThat(dirty.inner.closed).hasSize(1);
    assertThat(dirty.inner.closed.get(0).exit()).isEqualTo(BracketOrder.Exit.TP);
    assertThat(dirty.inner.closed).isEqualTo(clean.inner.closed);
    assertThat(dirtyJournal.memory.orders.values())
        .extracting(OrderRecord::order)
        .isEqualTo(cleanJournal.memory.orders.values().stream().map(OrderRecord::order).toList());
    assertThat(k.account().wallet()).isEqualTo(Money.parse("10001.45974"));
    assertThat(k.now()).isEqualTo(T0 + 300);
  }
}
