package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Times;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nothing trades a new symbol until a human approves it (003 §10): in a real kernel, a strategy
 * whose targets include a symbol outside the configured universe has those orders refused by the
 * {@code symbol_not_approved} rule; once the symbol is approved (as {@code POST
 * /api/v1/hotlist/approve} does), its orders reach the venue.
 */
class UniverseRuleKernelTest {
  private static final long APPROVE_AT = KernelFixture.START + 4 * Times.DAY_MS;

  private final KernelFixture fixture = new KernelFixture(10, 24 * 7, 21);

  /** Records events and approves the new symbol at APPROVE_AT. */
  private static final class Approver implements KernelListener {
    final RiskEngine risk;
    final InstrumentId symbol;
    final List<Event> events = new ArrayList<>();
    long approvedAt = Long.MAX_VALUE;

    Approver(RiskEngine risk, InstrumentId symbol) {
      this.risk = risk;
      this.symbol = symbol;
    }

    @Override
    public void onEvent(Event e) {
      events.add(e);
    }

    @Override
    public void onStep(int t, long time, double equity) {
      if (approvedAt == Long.MAX_VALUE && time >= APPROVE_AT) {
        approvedAt = time;
        risk.approveSymbol(symbol);
      }
    }
  }

  @Test
  void aNewSymbolIsRefusedUntilApprovedThenTrades() {
    List<InstrumentId> ids = fixture.panel.instruments();
    InstrumentId newCoin = ids.get(ids.size() - 1);
    Set<InstrumentId> configured = new HashSet<>(ids.subList(0, ids.size() - 1));
    RiskPropertyTest.GuardedVenue[] v = new RiskPropertyTest.GuardedVenue[1];
    RiskEngine risk =
        RiskEngine.open(
            RiskConfig.unlimited(), new InMemoryRiskStore(), () -> v[0].clock.nowMillis());
    risk.restrictUniverse(configured);
    Approver approver = new Approver(risk, newCoin);
    TradingKernel k =
        RiskPropertyTest.kernel(
            fixture,
            RiskPropertyTest.randomWeights(5, ids.size()),
            "30 * * * *",
            KernelPorts.backtest(approver, risk),
            v);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());

    assertThat(approver.approvedAt).isLessThan(Long.MAX_VALUE);
    List<OrderRejected> refused =
        approver.events.stream()
            .filter(e -> e instanceof OrderRejected r && r.rule().equals("symbol_not_approved"))
            .map(e -> (OrderRejected) e)
            .toList();
    assertThat(refused).isNotEmpty();
    assertThat(refused).allMatch(r -> r.order().instrument().equals(newCoin));
    assertThat(refused).allMatch(r -> r.eventTimeMs() < approver.approvedAt);
    assertThat(refused.get(0).reason())
        .isEqualTo(
            newCoin.apiSymbol()
                + " is neither in the configured universe nor an approved hot coin"
                + " (POST /api/v1/hotlist/approve)");
    List<Order> sent = v[0].submitted.stream().filter(o -> o.instrument().equals(newCoin)).toList();
    assertThat(sent).isNotEmpty();
    for (int i = 0; i < v[0].submitted.size(); i++) {
      if (v[0].submitted.get(i).instrument().equals(newCoin)) {
        assertThat(v[0].submittedAt.get(i)).isGreaterThanOrEqualTo(approver.approvedAt);
      }
    }
    assertThat(v[0].fills).anyMatch(f -> f.instrument().equals(newCoin));
    assertThat(risk.approvedSymbols()).containsExactly(newCoin.apiSymbol());
  }
}
