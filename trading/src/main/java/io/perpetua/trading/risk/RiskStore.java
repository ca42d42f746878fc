package io.perpetua.trading.risk;

import java.util.List;
import java.util.Optional;

/**
 * Where the risk layer keeps what must survive a restart: operator controls (emergency stop,
 * disabled symbols), alerts and risk events. Writes are durable when the method returns.
 * Implementations are thread-safe.
 */
public interface RiskStore {
  /** The last emergency-stop state, if ever set. */
  Optional<EmergencyStop> loadEmergencyStop();

  /** Persists the emergency-stop state. */
  void saveEmergencyStop(EmergencyStop stop);

  /** Every symbol control ever saved (the latest per symbol). */
  List<SymbolControl> loadSymbolControls();

  /** Persists a symbol control (upsert by symbol). */
  void saveSymbolControl(SymbolControl control);

  /** Every per-symbol limit in force (none by default: a store that keeps none). */
  default List<SymbolLimit> loadSymbolLimits() {
    return List.of();
  }

  /**
   * Persists {@code symbol}'s limit (upsert by symbol); {@code limit} null removes it. A store that
   * keeps none throws: a limit that would not survive a restart is refused.
   */
  default void saveSymbolLimit(io.perpetua.core.InstrumentId symbol, SymbolLimit limit) {
    throw new UnsupportedOperationException("this risk store keeps no symbol limits");
  }

  /** Upserts an alert by id. */
  void saveAlert(Alert alert);

  /** Alerts still active (not resolved). */
  List<Alert> activeAlerts();

  /**
   * Alerts raised at or after {@code sinceMs} with {@code severity} (null = all), newest first, one
   * page (1-based).
   */
  AlertPage alerts(AlertSeverity severity, long sinceMs, int page, int pageSize);

  /** Appends a risk event (idempotent on time, kind, rule and symbol). */
  void recordEvent(RiskEvent event);

  /** Risk events, newest first, at most {@code limit}. */
  List<RiskEvent> events(int limit);

  /**
   * One page of alerts.
   *
   * @param items the alerts on this page
   * @param totalItems how many match in all
   */
  record AlertPage(List<Alert> items, long totalItems) {
    /** Copies the list. */
    public AlertPage {
      items = List.copyOf(items);
    }
  }
}
