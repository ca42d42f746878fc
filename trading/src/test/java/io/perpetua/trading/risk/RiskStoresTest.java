package io.perpetua.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link InMemoryRiskStore} (filters, order and paging of alerts and events; latest control per
 * symbol) and {@link ObservedRiskStore} (delegates everything, tells the observer after storing);
 * the small value types of the risk API.
 */
class RiskStoresTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");

  private static Alert alert(String id, AlertSeverity severity, long raisedAt) {
    return new Alert(id, severity, "rule", null, "m", 1, 2, raisedAt, null);
  }

  @Test
  void inMemory_alertsFilteredBySeverityAndTime_newestFirst_paged() {
    InMemoryRiskStore s = new InMemoryRiskStore();
    s.saveAlert(alert("a", AlertSeverity.WARNING, 100));
    s.saveAlert(alert("b", AlertSeverity.CRITICAL, 200));
    s.saveAlert(alert("c", AlertSeverity.WARNING, 300));
    s.saveAlert(alert("d", AlertSeverity.WARNING, 300));
    s.saveAlert(alert("a", AlertSeverity.WARNING, 100).resolve(400)); // replaces "a"

    RiskStore.AlertPage all = s.alerts(null, 0, 1, 10);
    assertThat(all.items()).extracting(Alert::alertId).containsExactly("c", "d", "b", "a");
    assertThat(all.totalItems()).isEqualTo(4);
    assertThat(s.alerts(AlertSeverity.WARNING, 0, 1, 10).items())
        .extracting(Alert::alertId)
        .containsExactly("c", "d", "a");
    assertThat(s.alerts(null, 200, 1, 10).items()) // raised at or after 200
        .extracting(Alert::alertId)
        .containsExactly("c", "d", "b");
    RiskStore.AlertPage second = s.alerts(null, 0, 2, 3);
    assertThat(second.items()).extracting(Alert::alertId).containsExactly("a");
    assertThat(second.totalItems()).isEqualTo(4);
    assertThat(s.alerts(null, 0, 3, 3).items()).isEmpty();
    assertThat(s.activeAlerts()).extracting(Alert::alertId).containsExactly("b", "c", "d");
  }

  @Test
  void inMemory_eventsNewestFirst_limited_emergencyStopAndLatestControlPerSymbol() {
    InMemoryRiskStore s = new InMemoryRiskStore();
    s.recordEvent(new RiskEvent(10, "a", null, null, ""));
    s.recordEvent(new RiskEvent(30, "c", null, null, ""));
    s.recordEvent(new RiskEvent(20, "b", null, null, ""));
    assertThat(s.events(2)).extracting(RiskEvent::kind).containsExactly("c", "b");
    assertThat(s.events(10)).extracting(RiskEvent::kind).containsExactly("c", "b", "a");
    assertThat(s.events(0)).isEmpty();

    assertThat(s.loadEmergencyStop()).isEmpty();
    EmergencyStop stop = new EmergencyStop(true, "r", "o", 5);
    s.saveEmergencyStop(stop);
    assertThat(s.loadEmergencyStop()).contains(stop);

    s.saveSymbolControl(new SymbolControl(BTC, false, "x", "o", 1));
    s.saveSymbolControl(new SymbolControl(ETH, false, "y", "o", 2));
    SymbolControl again = new SymbolControl(BTC, true, "z", "o", 3);
    s.saveSymbolControl(again);
    assertThat(s.loadSymbolControls())
        .containsExactly(again, new SymbolControl(ETH, false, "y", "o", 2));
  }

  @Test
  void observed_delegatesAndTellsTheObserverAfterStoring() {
    InMemoryRiskStore inner = new InMemoryRiskStore();
    List<String> told = new ArrayList<>();
    ObservedRiskStore s =
        new ObservedRiskStore(
            inner,
            new ObservedRiskStore.Observer() {
              @Override
              public void alertSaved(Alert a) {
                told.add("alert " + a.alertId() + " stored=" + !inner.activeAlerts().isEmpty());
              }

              @Override
              public void eventRecorded(RiskEvent e) {
                told.add("event " + e.kind() + " stored=" + !inner.events(1).isEmpty());
              }
            });
    Alert a = alert("a", AlertSeverity.CRITICAL, 7);
    s.saveAlert(a);
    RiskEvent e = new RiskEvent(7, "breaker_tripped", "r", null, "d");
    s.recordEvent(e);
    assertThat(told).containsExactly("alert a stored=true", "event breaker_tripped stored=true");
    assertThat(s.activeAlerts()).containsExactly(a);
    assertThat(s.alerts(AlertSeverity.CRITICAL, 0, 1, 5).items()).containsExactly(a);
    assertThat(s.events(5)).containsExactly(e);

    EmergencyStop stop = new EmergencyStop(true, "r", "o", 1);
    s.saveEmergencyStop(stop);
    assertThat(s.loadEmergencyStop()).contains(stop);
    assertThat(inner.loadEmergencyStop()).contains(stop);
    SymbolControl c = new SymbolControl(BTC, false, "x", "o", 1);
    s.saveSymbolControl(c);
    assertThat(s.loadSymbolControls()).containsExactly(c);
    assertThat(told).hasSize(2); // controls are not observed

    ObservedRiskStore quiet = new ObservedRiskStore(inner, new ObservedRiskStore.Observer() {});
    quiet.recordEvent(e);
    quiet.saveAlert(a);
    assertThatThrownBy(() -> new ObservedRiskStore(null, new ObservedRiskStore.Observer() {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delegate");
    assertThatThrownBy(() -> new ObservedRiskStore(inner, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("observer");
  }

  @Test
  void alert_resolvesNeverBeforeItWasRaised_severityCodes() {
    Alert a = alert("a", AlertSeverity.WARNING, 100);
    assertThat(a.resolved()).isFalse();
    assertThat(a.resolve(150).resolvedAtMs()).isEqualTo(150L);
    assertThat(a.resolve(150).resolved()).isTrue();
    assertThat(a.resolve(50).resolvedAtMs()).isEqualTo(100L);
    assertThat(AlertSeverity.CRITICAL.code()).isEqualTo("critical");
    assertThat(AlertSeverity.parse("info")).isEqualTo(AlertSeverity.INFO);
    assertThatThrownBy(() -> AlertSeverity.parse("CRITICAL"))
        .hasMessage("unknown alert severity: CRITICAL");
  }
}
