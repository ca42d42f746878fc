package io.perpetua.trading.risk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RiskStore} that also tells an {@link Observer} of every alert saved and every risk event
 * recorded, after the delegate stored it — how streams and notifications see breaker trips, halts
 * and alerts without a second path beside the risk engine. The observer runs on the caller's thread
 * (the kernel's or an operator request's) and must be quick; its failures are not the store's.
 * Thread-safe if the delegate is.
 */
public final class ObservedRiskStore implements RiskStore {
  /** Told of what the risk engine stored. */
  public interface Observer {
    /** An alert was raised, updated or resolved. */
    default void alertSaved(Alert alert) {}

    /** A risk event was recorded. */
    default void eventRecorded(RiskEvent event) {}
  }

  private final RiskStore delegate;
  private final Observer observer;

  /** {@code delegate}, observed by {@code observer}. */
  public ObservedRiskStore(RiskStore delegate, Observer observer) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  @Override
  public Optional<EmergencyStop> loadEmergencyStop() {
    return delegate.loadEmergencyStop();
  }

  @Override
  public void saveEmergencyStop(EmergencyStop stop) {
    delegate.saveEmergencyStop(stop);
  }

  @Override
  public List<SymbolControl> loadSymbolControls() {
    return delegate.loadSymbolControls();
  }

  @Override
  public void saveSymbolControl(SymbolControl control) {
    delegate.saveSymbolControl(control);
  }

  @Override
  public List<SymbolLimit> loadSymbolLimits() {
    return delegate.loadSymbolLimits();
  }

  @Override
  public void saveSymbolLimit(io.perpetua.core.InstrumentId symbol, SymbolLimit limit) {
    delegate.saveSymbolLimit(symbol, limit);
  }

  @Override
  public void saveAlert(Alert alert) {
    delegate.saveAlert(alert);
    observer.alertSaved(alert);
  }

  @Override
  public List<Alert> activeAlerts() {
    return delegate.activeAlerts();
  }

  @Override
  public AlertPage alerts(AlertSeverity severity, long sinceMs, int page, int pageSize) {
    return delegate.alerts(severity, sinceMs, page, pageSize);
  }

  @Override
  public void recordEvent(RiskEvent event) {
    delegate.recordEvent(event);
    observer.eventRecorded(event);
  }

  @Override
  public List<RiskEvent> events(int limit) {
    return delegate.events(limit);
  }
}
