package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import io.perpetua.trading.risk.rules.OperatorControls;
import io.perpetua.trading.risk.rules.RiskBook;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The operators' actions on a risk engine: emergency stop, resume, symbol switches. Each binds the
 * {@link OperatorControls} at once, is persisted before it returns, and hands its alert and event
 * to the engine ({@code stamp}: run at the latest kernel time, then the status is rebuilt and
 * published). Called from API threads; the book is changed under the engine's monitor ({@code
 * lock}).
 */
final class OperatorActions {
  private final RiskStore store;
  private final LongSupplier wallClock;
  private final OperatorControls controls;
  private final RiskAlerts alerts;
  private final RiskBook book;
  private final Object lock;
  private final Consumer<LongConsumer> stamp;

  OperatorActions(
      RiskStore store,
      LongSupplier wallClock,
      OperatorControls controls,
      RiskAlerts alerts,
      RiskBook book,
      Object lock,
      Consumer<LongConsumer> stamp) {
    this.store = store;
    this.wallClock = wallClock;
    this.controls = controls;
    this.alerts = alerts;
    this.book = book;
    this.lock = lock;
    this.stamp = stamp;
  }

  EmergencyStop stop(String reason, String operator) {
    EmergencyStop stop = new EmergencyStop(true, reason, operator, wallClock.getAsLong());
    controls.emergency(stop); // binds the next check even if persisting fails below
    store.saveEmergencyStop(stop);
    String text = operator + ": " + reason;
    stamp.accept(
        t -> {
          alerts.raise(
              t, AlertSeverity.CRITICAL, "emergency_stop", null, "emergency stop by " + text, 1, 0);
          alerts.record(t, "emergency_stop", "emergency_stop", null, text);
        });
    return stop;
  }

  EmergencyStop resume(String reason, String operator) {
    EmergencyStop released = new EmergencyStop(false, reason, operator, wallClock.getAsLong());
    store.saveEmergencyStop(released);
    controls.emergency(released);
    synchronized (lock) {
      book.resume();
    }
    stamp.accept(
        t -> {
          alerts.resolve("emergency_stop", null, t);
          alerts.record(t, "resumed", null, null, operator + ": " + reason);
        });
    return released;
  }

  SymbolControl setSymbolEnabled(
      InstrumentId symbol, boolean enabled, String reason, String operator) {
    SymbolControl c = new SymbolControl(symbol, enabled, reason, operator, wallClock.getAsLong());
    store.saveSymbolControl(c);
    controls.apply(c);
    String kind = enabled ? "symbol_enabled" : "symbol_disabled";
    stamp.accept(
        t ->
            alerts.record(
                t, kind, "symbol_disabled", symbol.apiSymbol(), operator + ": " + reason));
    return c;
  }

  /**
   * Sets {@code symbol}'s limit ({@code limit} null removes it): persisted first, then it binds the
   * next check; recorded as a {@code symbol_limit_changed} event. Returns the limit before.
   */
  SymbolLimit setSymbolLimit(InstrumentId symbol, SymbolLimit limit, String operator) {
    SymbolLimit before = controls.limit(symbol).orElse(null);
    store.saveSymbolLimit(symbol, limit);
    controls.limit(symbol, limit);
    String text =
        limit == null
            ? operator + ": limit removed"
            : operator
                + ": max_leverage "
                + (limit.maxLeverage() == null ? "off" : limit.maxLeverage())
                + ", max_pos_value "
                + (limit.maxPositionValue() == null ? "off" : limit.maxPositionValue())
                + " ("
                + limit.reason()
                + ")";
    stamp.accept(
        t -> alerts.record(t, "symbol_limit_changed", "symbol_limit", symbol.apiSymbol(), text));
    return before;
  }
}
