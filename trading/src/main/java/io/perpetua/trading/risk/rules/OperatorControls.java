package io.perpetua.trading.risk.rules;

import io.perpetua.core.InstrumentId;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.SymbolControl;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operators' switches: the emergency stop and the disabled symbols. Written by API threads and
 * read by the kernel thread without a lock (a volatile field and a concurrent map), so a stop binds
 * the very next order check. Thread-safe.
 */
public final class OperatorControls {
  private final Map<InstrumentId, SymbolControl> disabled = new ConcurrentHashMap<>();
  private volatile EmergencyStop emergency;

  /** The emergency stop state, or null when never set. */
  public EmergencyStop emergency() {
    return emergency;
  }

  /** Sets the emergency stop state. */
  public void emergency(EmergencyStop stop) {
    emergency = stop;
  }

  /** True while the emergency stop is active. */
  public boolean stopped() {
    EmergencyStop stop = emergency;
    return stop != null && stop.active();
  }

  /** Applies a symbol control: disabled symbols are kept, enabled ones dropped. */
  public void apply(SymbolControl control) {
    if (control.tradingEnabled()) {
      disabled.remove(control.symbol());
    } else {
      disabled.put(control.symbol(), control);
    }
  }

  /** The control of {@code symbol} when it is disabled. */
  public Optional<SymbolControl> disabled(InstrumentId symbol) {
    return Optional.ofNullable(disabled.get(symbol));
  }

  /** The disabled symbols in API form, sorted. */
  public List<String> disabledSymbols() {
    TreeSet<String> out = new TreeSet<>();
    disabled.keySet().forEach(s -> out.add(s.apiSymbol()));
    return List.copyOf(out);
  }
}
