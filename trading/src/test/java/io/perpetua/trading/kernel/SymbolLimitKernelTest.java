package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.time.Times;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.SymbolLimit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A per-symbol limit binds the kernel only once it is applied (the platform applies it when a
 * second admin approves the four-eyes request): before, orders on the symbol pass; after, an order
 * that would take the position past the limit is refused by {@code symbol_limit} with its reason,
 * and other symbols trade on.
 */
class SymbolLimitKernelTest {
  private static final long APPROVE_AT = KernelFixture.START + 3 * Times.DAY_MS;

  private final KernelFixture fixture = new KernelFixture(10, 24 * 7, 21);

  /** Records events; applies the limit at APPROVE_AT (the approval). */
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
        risk.setSymbolLimit(
            symbol,
            new SymbolLimit(symbol, null, Money.parse("1"), "thin book", "bob", time),
            "bob (requested by alice)");
      }
    }
  }

  @Test
  void anOrderBreakingTheSymbolLimit_isRefused_onlyAfterApproval() {
    List<InstrumentId> ids = fixture.panel.instruments();
    InstrumentId limited = ids.get(0);
    RiskPropertyTest.GuardedVenue[] v = new RiskPropertyTest.GuardedVenue[1];
    RiskEngine risk =
        RiskEngine.open(
            RiskConfig.unlimited(), new InMemoryRiskStore(), () -> v[0].clock.nowMillis());
    Approver approver = new Approver(risk, limited);
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
            .filter(e -> e instanceof OrderRejected r && r.rule().equals("symbol_limit"))
            .map(e -> (OrderRejected) e)
            .toList();
    assertThat(refused).isNotEmpty();
    assertThat(refused).allMatch(r -> r.order().instrument().equals(limited));
    assertThat(refused).allMatch(r -> r.eventTimeMs() >= approver.approvedAt);
    assertThat(refused.get(0).reason())
        .startsWith(limited.apiSymbol() + " position would be ")
        .endsWith("(symbol limit: 1.0000 USDT)");
    boolean tradedBefore = false;
    boolean othersAfter = false;
    for (int i = 0; i < v[0].submitted.size(); i++) {
      boolean before = v[0].submittedAt.get(i) < approver.approvedAt;
      boolean mine = v[0].submitted.get(i).instrument().equals(limited);
      tradedBefore |= before && mine;
      othersAfter |= !before && !mine;
    }
    assertThat(tradedBefore).as("the symbol traded before the approval").isTrue();
    assertThat(othersAfter).as("other symbols trade on").isTrue();
  }
}
