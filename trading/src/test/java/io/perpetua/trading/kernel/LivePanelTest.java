package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Order;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A growable (live) panel: bars appended one at a time as they close, the kernel stepping each as
 * it arrives, give exactly the orders and equity of a replay over the complete panel.
 */
class LivePanelTest {
  private final KernelFixture complete = new KernelFixture(40, 24 * 8, 3);

  private static final class Sent implements KernelListener {
    final List<Order> orders = new ArrayList<>();

    @Override
    public void onOrderSent(Order o) {
      orders.add(o);
    }
  }

  @Test
  void barByBar_equalsTheReplayOfTheCompletePanel() {
    Sent replayed = new Sent();
    TradingKernel replay = complete.kernel(KernelPorts.backtest(replayed), FundingSchedule.none());
    replay.resume(KernelFixture.START);
    replay.run(Pacer.unpaced());

    KernelFixture live = complete.live(24 * 3);
    Sent streamed = new Sent();
    TradingKernel k = live.kernel(KernelPorts.backtest(streamed), FundingSchedule.none());
    k.resume(KernelFixture.START);
    int steps = k.run(Pacer.unpaced()); // the history
    assertThat(steps).isEqualTo(24 * 3);
    int rounds = 0;
    while (complete.appendNext(live)) {
      assertThat(k.run(Pacer.unpaced())).isEqualTo(1); // exactly the new bar
      rounds++;
    }
    assertThat(rounds).isEqualTo(24 * 5);
    assertThat(k.run(Pacer.unpaced())).isZero();
    assertThat(streamed.orders).isNotEmpty().isEqualTo(replayed.orders);
    assertThat(k.equity()).isEqualTo(replay.equity());
    assertThat(k.rebalances()).isEqualTo(replay.rebalances());
    assertThat(k.nextStep()).isEqualTo(live.panel.size());
  }

  @Test
  void awaitMoreThan_wakesOnAppend_orTimesOut() throws Exception {
    KernelFixture live = complete.live(10);
    assertThat(live.panel.awaitMoreThan(10, 20)).isFalse();
    Thread writer =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              complete.appendNext(live);
            });
    writer.start();
    assertThat(live.panel.awaitMoreThan(10, 5_000)).isTrue();
    writer.join();
    assertThat(live.panel.size()).isEqualTo(11);
    assertThat(live.panel.growing()).isTrue();
    assertThat(complete.panel.growing()).isFalse();
  }

  @Test
  void append_onlyTheNextBarOnTheGrid_untilFull() {
    KernelFixture live = complete.live(10);
    MarketPanel p = live.panel;
    int n = p.instruments().size();
    assertThat(p.size()).isEqualTo(10);
    assertThat(p.capacity()).isEqualTo(24 * 8);
    assertThat(p.close(10, 0)).isNaN();
    long next = p.openTimes()[9] + p.barMillis();
    assertThatThrownBy(() -> p.append(next + p.barMillis(), new double[n], new double[n]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("next bar opens at " + next);
    assertThatThrownBy(() -> p.append(next, new double[n - 1], new double[n]))
        .isInstanceOf(IllegalArgumentException.class);
    while (complete.appendNext(live)) {
      // fill it
    }
    assertThat(p.size()).isEqualTo(p.capacity());
    long after = p.openTimes()[p.size() - 1] + p.barMillis();
    assertThatThrownBy(() -> p.append(after, new double[n], new double[n]))
        .isInstanceOf(IllegalStateException.class);
    assertThat(p.close(p.size() - 1, 3)).isEqualTo(complete.panel.close(p.size() - 1, 3));
  }

  @Test
  void growable_needsHistoryOnTheGrid() {
    List<InstrumentId> ids = List.of(InstrumentId.usdtPerp("AAA"));
    MarketPanel gapped =
        new MarketPanel(
            ids,
            new long[] {0, 3_600_000L, 3 * 3_600_000L},
            3_600_000L,
            new double[3],
            new double[3]);
    assertThatThrownBy(() -> MarketPanel.growable(gapped, 5))
        .hasMessageContaining("not on the 3600000 ms grid at bar 2");
  }
}
