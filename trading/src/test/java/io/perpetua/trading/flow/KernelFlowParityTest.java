package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.order.Order;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.trading.kernel.HistoryJournal;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.TradingJournal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One kernel: the same factory strategies over the same ticks give the same orders and the same
 * closed trades in R in a backtest (no journal, one pass) and in paper trading (journal, killed
 * with brackets open and take-profits resting, restarted on a fresh simulated venue).
 */
class KernelFlowParityTest {
  static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");

  /** What a run produced, in order. */
  static final class Run implements KernelListener, FlowListener {
    final List<String> orders = new ArrayList<>();
    final List<String> trades = new ArrayList<>();
    final List<FlowEvaluation> evaluations = new ArrayList<>();
    final List<LabelEvent> labels = new ArrayList<>();

    @Override
    public void onEvaluation(FlowEvaluation e) {
      evaluations.add(e);
    }

    @Override
    public void onLabel(LabelEvent l) {
      labels.add(l);
    }

    @Override
    public void onOrderSent(Order o) {
      orders.add(
          String.join(
              " ",
              o.clientOrderId().value(),
              o.side().code(),
              o.quantity().toString(),
              o.type().code(),
              Boolean.toString(o.reduceOnly()),
              String.valueOf(o.limitPrice())));
    }

    @Override
    public void onTradeClosed(ClosedFlowTrade t) {
      trades.add(t.id() + " " + t.status() + " " + t.pnlR() + " " + t.pnl());
    }
  }

  static TradingKernel kernel(List<Instrument> inst, TradingJournal journal, Run run) {
    return TickKernels.simulated(
        inst, journal, run, FlowTestKit.strategy(SYMBOLS, run), FlowTestKit.START - 60_000);
  }

  @Test
  void backtestAndPaperWithCrash_sameOrdersSameTradesInR() {
    List<FlowTick> ticks = FlowTestKit.synthetic(21, 150 * 60_000L, SYMBOLS);
    List<Instrument> inst = FlowTestKit.instruments(ticks, SYMBOLS);

    Run backtest = new Run();
    TradingKernel bt = kernel(inst, null, backtest);
    ticks.forEach(bt::onTick);

    HistoryJournal journal = new HistoryJournal();
    Run paper = new Run();
    TradingKernel first = kernel(inst, journal, paper);
    int crash = -1;
    for (int i = 0; i < ticks.size(); i++) {
      first.onTick(ticks.get(i));
      if (i > ticks.size() / 2 && first.workingOrderIds().size() >= 2) {
        crash = i; // a bracket open with its take-profits resting
        break;
      }
    }
    assertThat(crash).as("a moment with take-profits resting").isPositive();
    TradingKernel second = kernel(inst, journal, paper);
    ticks.forEach(second::onTick);

    assertThat(backtest.trades).hasSizeGreaterThan(3);
    assertThat(paper.orders).containsExactlyElementsOf(backtest.orders);
    assertThat(paper.trades).containsExactlyElementsOf(backtest.trades);
    assertThat(journal.orders()).hasSize(backtest.orders.size());
    // schedule, cooldowns and pending labels continue from the checkpoint: same evaluations
    // (engine-level blocks included) and labels, once each (set: the journal stores by id)
    assertThat(paper.evaluations)
        .anyMatch(e -> e.blockReason().equals(KernelFlowStrategy.COOLDOWN));
    assertThat(new java.util.LinkedHashSet<>(paper.evaluations))
        .containsExactlyElementsOf(new java.util.LinkedHashSet<>(backtest.evaluations));
    assertThat(backtest.labels).isNotEmpty();
    assertThat(new java.util.LinkedHashSet<>(paper.labels))
        .containsExactlyElementsOf(new java.util.LinkedHashSet<>(backtest.labels));
    assertThat(second.account().wallet()).isEqualTo(bt.account().wallet());
  }
}
