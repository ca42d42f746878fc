package io.perpetua.trading.kernel.algo;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Fill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The kernel's bracket orders ({@link BracketOrder}): opens them for any strategy, hands them the
 * kernel's trades and order outcomes, reports finished ones to a {@link Listener}, and writes them
 * to / reads them from the checkpoint cursor (keys {@value #CURSOR_PREFIX} + a sequence number, so
 * a restart keeps their order).
 *
 * <p>A decision key opens at most one bracket while it is active (a repeated decision is ignored).
 * Not thread-safe: kernel thread only.
 */
public final class BracketBook {
  /** Cursor key prefix of a bracket's state. */
  public static final String CURSOR_PREFIX = "bracket.";

  /** Receives finished brackets. */
  public interface Listener {
    /** {@code bracket} finished; {@code result} is its account from the kernel's fills. */
    void onClosed(BracketOrder bracket, BracketResult result);

    /** {@code bracket}'s entry filled and its take-profits rest (TP1 done is reported too). */
    default void onChanged(BracketOrder bracket) {}
  }

  private final OrderGateway gateway;
  private final Map<String, BracketOrder> active = new LinkedHashMap<>();
  private final Map<ClientOrderId, BracketOrder> byOrder = new HashMap<>();
  private final List<Listener> listeners = new ArrayList<>();
  private boolean changed;
  private long sequence;
  // cursor keys of brackets closed since the last export (journals merge cursors: written as "")
  private final List<String> tombstones = new ArrayList<>();

  /** A book sending through {@code gateway}. */
  public BracketBook(OrderGateway gateway) {
    this.gateway = gateway;
  }

  /** Adds a receiver of finished brackets. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Opens a bracket (sends its entry); returns it, or the active one with the same key (the same
   * decision never opens twice).
   */
  public BracketOrder open(BracketSpec spec) {
    BracketOrder existing = active.get(spec.key());
    if (existing != null) {
      return existing;
    }
    BracketOrder b = new BracketOrder(spec, gateway);
    b.sequence = sequence++;
    active.put(spec.key(), b);
    changed = true;
    b.start();
    index(b);
    settle(b);
    return b;
  }

  /** Closes the bracket {@code key} at market (flip, shutdown); no-op when unknown. */
  public void flatten(String key) {
    BracketOrder b = active.get(key);
    if (b != null) {
      b.flatten();
      after(b);
    }
  }

  /** The active brackets, oldest first. */
  public List<BracketOrder> active() {
    return List.copyOf(active.values());
  }

  /** True when no bracket is active. */
  public boolean isEmpty() {
    return active.isEmpty();
  }

  /** A trade of {@code instrument}: timeouts, stops and take-profit timers of its brackets. */
  public void onTrade(InstrumentId instrument, double price, long timeMs) {
    if (active.isEmpty()) {
      return;
    }
    for (BracketOrder b : List.copyOf(active.values())) {
      if (b.spec().instrument().id().equals(instrument)) {
        b.onTrade(price, timeMs);
        after(b);
      }
    }
  }

  /** A fill of any kernel order (others than the brackets' are ignored). */
  public void onFill(Fill fill) {
    BracketOrder b = owner(fill.clientOrderId());
    if (b != null) {
      b.onFill(fill);
      after(b);
    }
  }

  /** A cancellation of any kernel order. */
  public void onCancelled(ClientOrderId id) {
    BracketOrder b = owner(id);
    if (b != null) {
      b.onCancelled(id);
      after(b);
    }
  }

  /** A rejection (risk or venue) of any kernel order. */
  public void onRejected(ClientOrderId id) {
    BracketOrder b = owner(id);
    if (b != null) {
      b.onRejected(id);
      after(b);
    }
  }

  private BracketOrder owner(ClientOrderId id) {
    if (active.isEmpty()) {
      return null;
    }
    BracketOrder b = byOrder.get(id);
    if (b == null) {
      for (BracketOrder candidate : active.values()) {
        if (candidate.owns(id)) {
          index(candidate);
          return candidate;
        }
      }
    }
    return b;
  }

  private void index(BracketOrder b) {
    for (BracketLeg l : b.legs.values()) {
      byOrder.put(l.id, b);
    }
  }

  private void after(BracketOrder b) {
    if (!b.dirty) {
      return; // only the last price moved
    }
    b.dirty = false;
    changed = true;
    index(b);
    settle(b);
  }

  private void settle(BracketOrder b) {
    if (b.closed() && active.remove(b.spec().key()) != null) {
      tombstones.add(cursorKey(b));
      b.legs.values().forEach(l -> byOrder.remove(l.id));
      BracketResult r = b.result();
      listeners.forEach(l -> l.onClosed(b, r));
    } else if (!b.closed()) {
      listeners.forEach(l -> l.onChanged(b));
    }
  }

  /** True (once) when anything changed since the last call: the checkpoint is due. */
  public boolean takeChanged() {
    boolean c = changed;
    changed = false;
    return c;
  }

  /** The active brackets as cursor entries, and an empty value for each one closed since. */
  public Map<String, String> exportState() {
    Map<String, String> out = new LinkedHashMap<>();
    tombstones.forEach(k -> out.put(k, ""));
    tombstones.clear();
    for (BracketOrder b : active.values()) {
      out.put(
          cursorKey(b),
          b.spec().instrument().id().apiSymbol()
              + "#"
              + b.spec().encode()
              + "#"
              + BracketCodec.encode(b));
    }
    return out;
  }

  private static String cursorKey(BracketOrder b) {
    return CURSOR_PREFIX + String.format("%012d", b.sequence);
  }

  /**
   * Restores the brackets of a cursor ({@link #exportState}); {@code instruments} resolves the
   * symbols. Waiting cancels are sent again (idempotent at the venue).
   */
  public void restoreState(Map<String, String> cursor, Function<InstrumentId, Instrument> lookup) {
    active.clear();
    byOrder.clear();
    cursor.entrySet().stream()
        .filter(e -> e.getKey().startsWith(CURSOR_PREFIX) && !e.getValue().isEmpty())
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String[] parts = e.getValue().split("#", -1);
              Instrument inst = lookup.apply(InstrumentId.parse(parts[0]));
              BracketSpec spec = BracketSpec.decode(parts[1], inst);
              BracketOrder b = BracketCodec.decode(spec, parts[2], gateway);
              b.sequence = Long.parseLong(e.getKey().substring(CURSOR_PREFIX.length()));
              sequence = Math.max(sequence, b.sequence + 1);
              active.put(spec.key(), b);
              index(b);
            });
  }
}
