package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.event.Event;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskEvent;
import io.perpetua.trading.risk.RiskLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The breakers the kernel must act on or feed, through a whole run: the daily-loss breaker's
 * close-all flattens the book in one {@code daily_loss} rebalance, and the kernel's fills feed the
 * loss streak (issue 20's surviving mutants: {@code closeAll} forced to false, the {@code
 * onRealized} calls removed).
 */
class KernelBreakersTest {
  private final KernelFixture fixture = new KernelFixture(80, 24 * 8, 11);

  private static final class Events implements KernelListener {
    final List<Event> events = new ArrayList<>();

    @Override
    public void onEvent(Event event) {
      events.add(event);
    }
  }

  private List<Event> run(RiskEngine risk) {
    Events rec = new Events();
    TradingKernel k = fixture.kernel(KernelPorts.backtest(rec, risk), FundingSchedule.none());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    return rec.events;
  }

  private static RiskEngine engine(CircuitBreakers b, InMemoryRiskStore store) {
    return RiskEngine.open(
        new RiskConfig(RiskLimits.unlimited(), b, 0.8), store, System::currentTimeMillis);
  }

  @Test
  void dailyLossWithCloseAll_flattensEveryPositionInOneRebalance() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    // 0.01 % of the day's opening equity: trips on the first losing day after the first rebalance
    List<Event> events =
        run(engine(new CircuitBreakers(0.0001, 0, 0, true, 0, 0, 0, 0, 0, 0, 0), store));
    List<RiskEvent> trips =
        store.events(10_000).stream()
            .filter(e -> e.kind().equals("breaker_tripped") && "daily_loss".equals(e.rule()))
            .toList();
    assertThat(trips).isNotEmpty();
    List<RebalanceCompleted> flattening =
        events.stream()
            .filter(e -> e instanceof RebalanceCompleted r && r.trigger().equals("daily_loss"))
            .map(e -> (RebalanceCompleted) e)
            .toList();
    assertThat(flattening).isNotEmpty();
    for (RebalanceCompleted r : flattening) {
      assertThat(r.ordersTotal()).isPositive();
      assertThat(r.ordersFilled()).isEqualTo(r.ordersTotal());
      assertThat(r.longSymbols()).isZero();
      assertThat(r.shortSymbols()).isZero();
    }
  }

  @Test
  void dailyLossWithoutCloseAll_haltsButKeepsThePositions() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    List<Event> events =
        run(engine(new CircuitBreakers(0.0001, 0, 0, false, 0, 0, 0, 0, 0, 0, 0), store));
    assertThat(store.events(10_000)).anyMatch(e -> "daily_loss".equals(e.rule()));
    assertThat(events)
        .noneMatch(e -> e instanceof RebalanceCompleted r && r.trigger().equals("daily_loss"));
  }

  @Test
  void theKernelsLosingClosesFeedTheLossStreak() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    run(engine(new CircuitBreakers(0, 0, 0, false, 1, 60, 0, 0, 0, 0, 0), store));
    assertThat(store.events(10_000))
        .anyMatch(
            e ->
                e.kind().equals("breaker_tripped")
                    && e.rule().equals("consecutive_losses")
                    && e.detail().startsWith("1 losing trades in a row: paused until "));
  }
}
