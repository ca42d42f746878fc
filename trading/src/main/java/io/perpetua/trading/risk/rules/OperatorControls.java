package io.perpetua.trading.risk.rules;

import io.perpetua.core.InstrumentId;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.SymbolControl;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operators' switches: the emergency stop, the disabled symbols and the tradable universe (the
 * configured symbols plus the hot coins a human approved). Written by API threads and read by the
 * kernel thread without a lock (a volatile field and a concurrent map), so a stop binds the very
 * next order check. Thread-safe.
 */
public final class OperatorControls {
  private final Map<InstrumentId, SymbolControl> disabled = new ConcurrentHashMap<>();
  private final Set<InstrumentId> approved = ConcurrentHashMap.newKeySet();
  private final Map<InstrumentId, io.perpetua.trading.risk.SymbolLimit> limits =
      new ConcurrentHashMap<>();
  private volatile EmergencyStop emergency;
  private volatile Set<InstrumentId> universe; // null: no restriction

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

  /** Restricts trading to {@code configured} plus the approved symbols (null lifts it). */
  public void restrictUniverse(Set<InstrumentId> configured) {
    universe = configured == null ? null : Set.copyOf(configured);
  }

  /** Adds an approved symbol (a hot coin a human approved): tradable from the next check. */
  public void approve(InstrumentId symbol) {
    approved.add(symbol);
  }

  /** True when {@code symbol} is in the configured universe or approved (or none is configured). */
  public boolean tradable(InstrumentId symbol) {
    Set<InstrumentId> u = universe;
    return u == null || u.contains(symbol) || approved.contains(symbol);
  }

  /** The approved symbols in API form, sorted. */
  public List<String> approvedSymbols() {
    TreeSet<String> out = new TreeSet<>();
    approved.forEach(s -> out.add(s.apiSymbol()));
    return List.copyOf(out);
  }

  /** Sets {@code symbol}'s limit (binds the next check); {@code limit} null removes it. */
  public void limit(InstrumentId symbol, io.perpetua.trading.risk.SymbolLimit limit) {
    if (limit == null) {
      limits.remove(symbol);
    } else {
      limits.put(symbol, limit);
    }
  }

  /** The limit of {@code symbol}, if any. */
  public Optional<io.perpetua.trading.risk.SymbolLimit> limit(InstrumentId symbol) {
    return Optional.ofNullable(limits.get(symbol));
  }

  /** The limit of the symbol whose API form is {@code apiSymbol}, if any. */
  public Optional<io.perpetua.trading.risk.SymbolLimit> limitOf(String apiSymbol) {
    for (var e : limits.entrySet()) {
      if (e.getKey().apiSymbol().equals(apiSymbol)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every per-symbol limit, by API symbol (sorted). */
  public List<io.perpetua.trading.risk.SymbolLimit> limits() {
    return limits.values().stream()
        .sorted(java.util.Comparator.comparing(l -> l.symbol().apiSymbol()))
        .toList();
  }
}
