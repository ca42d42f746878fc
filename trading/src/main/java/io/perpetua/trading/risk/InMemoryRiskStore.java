package io.perpetua.trading.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link RiskStore} in memory (backtests, tests). Thread-safe. */
public final class InMemoryRiskStore implements RiskStore {
  private EmergencyStop stop;
  private final Map<String, SymbolControl> symbols = new LinkedHashMap<>();
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, SymbolLimit> limits = new LinkedHashMap<>();
  private final Set<RiskEvent> events = new LinkedHashSet<>();

  @Override
  public synchronized Optional<EmergencyStop> loadEmergencyStop() {
    return Optional.ofNullable(stop);
  }

  @Override
  public synchronized void saveEmergencyStop(EmergencyStop value) {
    this.stop = value;
  }

  @Override
  public synchronized List<SymbolControl> loadSymbolControls() {
    return List.copyOf(symbols.values());
  }

  @Override
  public synchronized void saveSymbolControl(SymbolControl control) {
    symbols.put(control.symbol().apiSymbol(), control);
  }

  @Override
  public synchronized List<SymbolLimit> loadSymbolLimits() {
    return List.copyOf(limits.values());
  }

  @Override
  public synchronized void saveSymbolLimit(
      io.perpetua.core.InstrumentId symbol, SymbolLimit limit) {
    if (limit == null) {
      limits.remove(symbol.apiSymbol());
    } else {
      limits.put(symbol.apiSymbol(), limit);
    }
  }

  @Override
  public synchronized void saveAlert(Alert alert) {
    alerts.put(alert.alertId(), alert);
  }

  @Override
  public synchronized List<Alert> activeAlerts() {
    return alerts.values().stream().filter(a -> !a.resolved()).toList();
  }

  @Override
  public synchronized AlertPage alerts(
      AlertSeverity severity, long sinceMs, int page, int pageSize) {
    List<Alert> matching = new ArrayList<>();
    for (Alert a : alerts.values()) {
      if ((severity == null || a.severity() == severity) && a.raisedAtMs() >= sinceMs) {
        matching.add(a);
      }
    }
    matching.sort(
        Comparator.comparingLong(Alert::raisedAtMs).reversed().thenComparing(Alert::alertId));
    int from = Math.min(matching.size(), (page - 1) * pageSize);
    int to = Math.min(matching.size(), from + pageSize);
    return new AlertPage(matching.subList(from, to), matching.size());
  }

  @Override
  public synchronized void recordEvent(RiskEvent event) {
    events.add(event);
  }

  @Override
  public synchronized List<RiskEvent> events(int limit) {
    List<RiskEvent> all = new ArrayList<>(events);
    all.sort(Comparator.comparingLong(RiskEvent::timeMs).reversed());
    return all.subList(0, Math.min(limit, all.size()));
  }
}
