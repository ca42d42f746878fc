package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.AlertSeverity;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.RiskEvent;
import io.perpetua.trading.risk.RiskStore;
import io.perpetua.trading.risk.SymbolControl;
import io.perpetua.trading.risk.SymbolLimit;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link RiskStore} must do, including surviving a restart ({@link #reopen}). */
public abstract class RiskStoreContract {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final long T0 = 1_772_495_700_000L;

  /** An empty store. */
  protected abstract RiskStore freshStore() throws Exception;

  /** The same store as after a process restart. */
  protected abstract RiskStore reopen() throws Exception;

  @Test
  void emergencyStop_persistsAcrossRestart_andRelease() throws Exception {
    RiskStore store = freshStore();
    assertThat(store.loadEmergencyStop()).isEmpty();
    store.saveEmergencyStop(new EmergencyStop(true, "exchange incident", "alice", T0));
    assertThat(reopen().loadEmergencyStop())
        .contains(new EmergencyStop(true, "exchange incident", "alice", T0));
    reopen().saveEmergencyStop(new EmergencyStop(false, "all clear", "bob", T0 + 1));
    assertThat(reopen().loadEmergencyStop().orElseThrow().active()).isFalse();
  }

  @Test
  void symbolLimits_upsertBySymbol_surviveRestart_andAreRemoved() throws Exception {
    RiskStore store = freshStore();
    assertThat(store.loadSymbolLimits()).isEmpty();
    SymbolLimit btc =
        new SymbolLimit(
            BTC,
            Fraction.exact(new BigDecimal("2.5")),
            Money.parse("12345.67890123"),
            "desk limit",
            "bob (requested by alice)",
            T0);
    SymbolLimit eth = new SymbolLimit(ETH, null, Money.parse("500"), "thin book", "bob", T0);
    store.saveSymbolLimit(BTC, btc);
    store.saveSymbolLimit(ETH, eth);
    SymbolLimit tighter =
        new SymbolLimit(
            ETH, Fraction.exact(new BigDecimal("0.5")), null, "tighter", "carol", T0 + 1);
    reopen().saveSymbolLimit(ETH, tighter);
    assertThat(reopen().loadSymbolLimits()).containsExactly(btc, tighter);
    reopen().saveSymbolLimit(BTC, null);
    assertThat(reopen().loadSymbolLimits()).containsExactly(tighter);
  }

  @Test
  void symbolControls_upsertBySymbol() throws Exception {
    RiskStore store = freshStore();
    store.saveSymbolControl(new SymbolControl(BTC, false, "halted", "alice", T0));
    store.saveSymbolControl(new SymbolControl(ETH, false, "delist", "alice", T0));
    store.saveSymbolControl(new SymbolControl(ETH, true, "relisted", "bob", T0 + 5));
    List<SymbolControl> controls = reopen().loadSymbolControls();
    assertThat(controls)
        .containsExactlyInAnyOrder(
            new SymbolControl(BTC, false, "halted", "alice", T0),
            new SymbolControl(ETH, true, "relisted", "bob", T0 + 5));
  }

  @Test
  void alerts_upsertById_filterBySeverityAndTime_paginateNewestFirst() throws Exception {
    RiskStore store = freshStore();
    for (int i = 0; i < 5; i++) {
      AlertSeverity s = i % 2 == 0 ? AlertSeverity.WARNING : AlertSeverity.CRITICAL;
      store.saveAlert(
          new Alert("alt-" + i, s, "max_total_exposure", null, "m" + i, 0.9, 1.0, T0 + i, null));
    }
    Alert first = store.alerts(null, 0, 1, 10).items().get(4);
    store.saveAlert(first.resolve(T0 + 100));
    RiskStore again = reopen();
    assertThat(again.activeAlerts()).hasSize(4);
    RiskStore.AlertPage page = again.alerts(null, 0, 1, 2);
    assertThat(page.totalItems()).isEqualTo(5);
    assertThat(page.items()).extracting(Alert::alertId).containsExactly("alt-4", "alt-3");
    assertThat(again.alerts(null, 0, 3, 2).items())
        .extracting(Alert::alertId)
        .containsExactly("alt-0");
    assertThat(again.alerts(null, 0, 3, 2).items().get(0).resolvedAtMs()).isEqualTo(T0 + 100);
    assertThat(again.alerts(AlertSeverity.CRITICAL, 0, 1, 10).items())
        .extracting(Alert::alertId)
        .containsExactly("alt-3", "alt-1");
    assertThat(again.alerts(null, T0 + 3, 1, 10).totalItems()).isEqualTo(2);
  }

  @Test
  void events_areIdempotent_newestFirst() throws Exception {
    RiskStore store = freshStore();
    RiskEvent a = new RiskEvent(T0, "breaker_tripped", "daily_loss", null, "loss 500");
    RiskEvent b = new RiskEvent(T0 + 1, "symbol_disabled", "symbol_disabled", "BTC/USDT:USDT", "x");
    store.recordEvent(a);
    store.recordEvent(a);
    store.recordEvent(b);
    assertThat(reopen().events(10)).containsExactly(b, a);
    assertThat(reopen().events(1)).containsExactly(b);
  }
}
