package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Times;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskEvent;
import io.perpetua.trading.risk.RiskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The emergency stop takes effect within one event, in a real kernel. */
class RiskEmergencyStopTest {
  private static final int K = 5;
  private static final long STOP_AFTER = KernelFixture.START + 3 * Times.DAY_MS;

  private final KernelFixture fixture = new KernelFixture(40, 24 * 7, 11);

  /** Stops the engine at the K-th order of the first rebalance after STOP_AFTER. */
  private static final class Trigger implements KernelListener {
    final RiskEngine risk;
    final RiskPropertyTest.GuardedVenue[] venue;
    final boolean resumeAfterADay;
    final List<Event> events = new ArrayList<>();
    final Map<RebalanceId, Integer> perRebalance = new HashMap<>();
    RebalanceId stopped;
    long stopTime = Long.MIN_VALUE;
    long resumeTime = Long.MAX_VALUE;

    Trigger(RiskEngine risk, RiskPropertyTest.GuardedVenue[] venue, boolean resumeAfterADay) {
      this.risk = risk;
      this.venue = venue;
      this.resumeAfterADay = resumeAfterADay;
    }

    @Override
    public void onEvent(Event e) {
      events.add(e);
    }

    @Override
    public void onOrderSent(Order o) {
      int n = perRebalance.merge(o.rebalanceId(), 1, Integer::sum);
      long now = venue[0].clock.nowMillis();
      if (stopped == null && now >= STOP_AFTER && n == K) {
        stopped = o.rebalanceId();
        stopTime = now;
        risk.emergencyStop("runaway strategy", "ops");
      }
    }

    @Override
    public void onStep(int t, long time, double equity) {
      if (resumeAfterADay && stopped != null && resumeTime == Long.MAX_VALUE) {
        if (time >= stopTime + Times.DAY_MS) {
          resumeTime = time;
          risk.resume("investigated", "ops");
        }
      }
    }
  }

  private TradingKernel kernel(
      RiskEngine risk, Trigger trigger, RiskPropertyTest.GuardedVenue[] v) {
    return RiskPropertyTest.kernel(
        fixture,
        RiskPropertyTest.randomWeights(5, 40),
        "30 * * * *",
        KernelPorts.backtest(trigger, risk),
        v);
  }

  @Test
  void stopDuringARebalance_laterOrdersRejected_workingCancelled_timersBlocked_resumeTrades() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    RiskPropertyTest.GuardedVenue[] v = new RiskPropertyTest.GuardedVenue[1];
    RiskEngine risk = RiskEngine.open(RiskConfig.unlimited(), store, () -> v[0].clock.nowMillis());
    Trigger trigger = new Trigger(risk, v, true);
    TradingKernel k = kernel(risk, trigger, v);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    RiskPropertyTest.GuardedVenue venue = v[0];
    assertThat(trigger.stopped).isNotNull();
    assertThat(trigger.resumeTime).isLessThan(Long.MAX_VALUE);

    // the stopped rebalance: K orders reached the venue, every later one was rejected by the stop
    RebalanceCompleted done =
        trigger.events.stream()
            .filter(
                e -> e instanceof RebalanceCompleted r && r.rebalanceId().equals(trigger.stopped))
            .map(e -> (RebalanceCompleted) e)
            .findFirst()
            .orElseThrow();
    assertThat(done.ordersTotal()).isGreaterThan(2 * K);
    List<OrderRejected> rejected =
        trigger.events.stream()
            .filter(
                e ->
                    e instanceof OrderRejected r && trigger.stopped.equals(r.order().rebalanceId()))
            .map(e -> (OrderRejected) e)
            .toList();
    assertThat(rejected).hasSize(done.ordersTotal() - K);
    assertThat(rejected).allMatch(r -> r.rule().equals("emergency_stop"));
    Set<ClientOrderId> reachedVenue =
        venue.submitted.stream()
            .filter(o -> trigger.stopped.equals(o.rebalanceId()))
            .map(Order::clientOrderId)
            .collect(Collectors.toSet());
    assertThat(reachedVenue).hasSize(K);
    assertThat(rejected).noneMatch(r -> reachedVenue.contains(r.order().clientOrderId()));

    // nothing else reached the venue until the resume
    for (int i = 0; i < venue.submitted.size(); i++) {
      long at = venue.submittedAt.get(i);
      if (at >= trigger.stopTime && at <= trigger.resumeTime) {
        assertThat(venue.submitted.get(i).rebalanceId()).isEqualTo(trigger.stopped);
      }
    }
    // the K working orders were cancelled at the next step, before its prices: no fill after the
    // stop
    assertThat(venue.cancelled).containsAll(reachedVenue);
    assertThat(venue.fills)
        .noneMatch(f -> f.timeMs() > trigger.stopTime && f.timeMs() <= trigger.resumeTime);
    assertThat(venue.fills).noneMatch(f -> reachedVenue.contains(f.clientOrderId()));
    assertThat(done.ordersFilled()).isZero();
    assertThat(done.ordersFailed()).isEqualTo(done.ordersTotal());

    // every timer while stopped recorded a blocked rebalance and sent nothing
    List<RiskEvent> blocked =
        store.events(10_000).stream().filter(e -> e.kind().equals("rebalance_blocked")).toList();
    assertThat(blocked).hasSizeGreaterThanOrEqualTo(23);
    assertThat(blocked).allMatch(e -> "emergency_stop".equals(e.rule()));
    assertThat(blocked)
        .allMatch(e -> e.timeMs() > trigger.stopTime && e.timeMs() < trigger.resumeTime);

    // after the resume the next timer trades again
    long firstAfter =
        venue.submittedAt.stream().filter(t -> t > trigger.resumeTime).findFirst().orElseThrow();
    assertThat(firstAfter).isEqualTo(trigger.resumeTime + 30 * 60_000L);
    assertThat(venue.fills).anyMatch(f -> f.timeMs() > trigger.resumeTime);
  }

  @Test
  void stopIsPersisted_aNewEngineOnTheSameStoreIsStillStopped() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    RiskPropertyTest.GuardedVenue[] v = new RiskPropertyTest.GuardedVenue[1];
    RiskEngine risk = RiskEngine.open(RiskConfig.unlimited(), store, () -> v[0].clock.nowMillis());
    Trigger trigger = new Trigger(risk, v, false);
    TradingKernel k = kernel(risk, trigger, v);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertThat(trigger.stopped).isNotNull();
    assertThat(v[0].submittedAt).allMatch(t -> t <= trigger.stopTime);

    // restart: a new engine and a new kernel on the same store
    RiskEngine reopened = RiskEngine.open(RiskConfig.unlimited(), new StoreView(store), () -> 0L);
    assertThat(reopened.emergencyStopped()).isTrue();
    assertThat(reopened.status().overall()).isEqualTo(RiskStatus.Overall.HALTED);
    assertThat(reopened.status().emergencyStop().operator()).isEqualTo("ops");
    var inst = fixture.instruments.get(0);
    Order probe = v[0].submitted.get(0);
    var ctx = OrderContext.standalone(Price.of(100, 2), 0, Money.of(10_000), Money.of(100));
    assertThat(reopened.check(probe, inst, ctx))
        .get()
        .extracting(r -> r.rule())
        .isEqualTo("emergency_stop");

    RiskPropertyTest.GuardedVenue[] v2 = new RiskPropertyTest.GuardedVenue[1];
    Trigger quiet = new Trigger(reopened, v2, false);
    TradingKernel k2 = kernel(reopened, quiet, v2);
    k2.resume(KernelFixture.START);
    k2.run(Pacer.unpaced());
    assertThat(v2[0].submitted).isEmpty();
    assertThat(quiet.events).noneMatch(e -> e instanceof RebalanceCompleted);
    assertThat(store.events(100_000))
        .filteredOn(e -> e.kind().equals("rebalance_blocked") && e.timeMs() < trigger.stopTime)
        .as("the second run's timers before the old stop time were blocked too")
        .hasSizeGreaterThan(24);
  }

  /** The same store seen through another object (as after a process restart). */
  private record StoreView(InMemoryRiskStore d) implements io.perpetua.trading.risk.RiskStore {
    @Override
    public java.util.Optional<io.perpetua.trading.risk.EmergencyStop> loadEmergencyStop() {
      return d.loadEmergencyStop();
    }

    @Override
    public void saveEmergencyStop(io.perpetua.trading.risk.EmergencyStop stop) {
      d.saveEmergencyStop(stop);
    }

    @Override
    public List<io.perpetua.trading.risk.SymbolControl> loadSymbolControls() {
      return d.loadSymbolControls();
    }

    @Override
    public void saveSymbolControl(io.perpetua.trading.risk.SymbolControl control) {
      d.saveSymbolControl(control);
    }

    @Override
    public void saveAlert(io.perpetua.trading.risk.Alert alert) {
      d.saveAlert(alert);
    }

    @Override
    public List<io.perpetua.trading.risk.Alert> activeAlerts() {
      return d.activeAlerts();
    }

    @Override
    public AlertPage alerts(
        io.perpetua.trading.risk.AlertSeverity severity, long sinceMs, int page, int pageSize) {
      return d.alerts(severity, sinceMs, page, pageSize);
    }

    @Override
    public void recordEvent(RiskEvent event) {
      d.recordEvent(event);
    }

    @Override
    public List<RiskEvent> events(int limit) {
      return d.events(limit);
    }
  }
}
