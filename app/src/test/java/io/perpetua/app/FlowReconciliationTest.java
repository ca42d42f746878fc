package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickContext;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TickStrategy;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.Reconciler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order-flow account is reconciled with its venue at start-up by the platform's {@link
 * Reconciler} (not a copy of it): the flow kernel resumes behind the flow account's bridge ({@link
 * FlowLive#link}), opening with the venue's wallet ({@code flow.live_capital}), and the start-up
 * check compares positions, open orders and the wallet — consistent on a fresh account; an order
 * someone else placed on the account is reported to the flow account's risk engine (alert {@code
 * venue_reconciliation}) and shown with the venue in {@code GET /api/v1/venues}.
 */
class FlowReconciliationTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  /** A strategy that never decides (the reconciliation runs before the first tick). */
  private static final class Idle implements TickStrategy {
    @Override
    public void warmUp(FlowTick tick) {}

    @Override
    public void onTick(FlowTick tick, TickContext context) {}
  }

  @Test
  void flowAccount_reconciledAtStartUp_consistentThenReportsAForeignOrder() {
    PerpetuaConfig config = ConfigLoader.load(null, Map.of("PERPETUA_VENUE_TYPE", "fake-binance"));
    try (FlowLive live = FlowLive.start(config, Map.of(), Map.of(BTC, 60_000.0))) {
      assertThat(live.connected().lastReconciliation().get())
          .as("none before the kernel")
          .isEmpty();

      RiskEngine risk = RiskEngine.unlimited();
      Reconciler.Report fresh = reconcile(live, kernel(live, risk));
      assertThat(fresh.consistent()).as("%s", fresh.mismatches()).isTrue();
      assertThat(live.connected().lastReconciliation().get())
          .hasValueSatisfying(t -> assertThat(t.report()).isEqualTo(fresh));

      // someone else rests an order on the flow account; a restarted flow kernel finds it
      live.connection
          .fake
          .exchange()
          .newOrder(
              Map.of(
                  "symbol", "BTCUSDT",
                  "side", "BUY",
                  "type", "LIMIT",
                  "price", "58000.0",
                  "quantity", "0.010",
                  "newClientOrderId", "manual-1"));
      Reconciler.Report after = reconcile(live, kernel(live, risk));
      assertThat(after.mismatches())
          .singleElement()
          .asString()
          .contains("manual-1")
          .contains("not placed by us");
      assertThat(risk.store().activeAlerts())
          .anySatisfy(a -> assertThat(a.toString()).contains("venue_reconciliation"));
    }
  }

  /**
   * The start-up reconciliation; asked again while the fake does not answer in time (a loaded test
   * machine), as the next start would.
   */
  private static Reconciler.Report reconcile(FlowLive live, TradingKernel kernel) {
    long deadline = System.currentTimeMillis() + 60_000;
    Reconciler.Report report = live.reconcileAtStartup(kernel);
    while (!report.reachable() && System.currentTimeMillis() < deadline) {
      report = live.reconcileAtStartup(kernel);
    }
    assertThat(report.reachable()).as("the flow account's venue answered").isTrue();
    return report;
  }

  /** The flow kernel as the platform builds it live: behind the flow account's bridge. */
  private static TradingKernel kernel(FlowLive live, RiskEngine risk) {
    return TickKernels.over(
        List.of(live.instruments().get(BTC)),
        null,
        new KernelListener() {},
        new Idle(),
        1_700_000_000_000L,
        risk,
        Money.of(10_000),
        clock -> live.link(clock, risk));
  }
}
