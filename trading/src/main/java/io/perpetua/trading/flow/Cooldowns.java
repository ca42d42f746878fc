package io.perpetua.trading.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry cooldowns per strategy and symbol: a new entry needs {@code now ≥ last entry + cooldown}.
 * Survives restarts through {@link #snapshot()} / {@link #restore}.
 *
 * <p>Not thread-safe.
 */
public final class Cooldowns {
  private final Map<StrategyKey, Long> lastEntry = new HashMap<>();

  /** True when {@code key} may enter at {@code nowMs}. */
  public boolean allows(StrategyKey key, long nowMs, long cooldownMs) {
    Long last = lastEntry.get(key);
    return last == null || nowMs >= last + cooldownMs;
  }

  /** Records an entry. */
  public void record(StrategyKey key, long nowMs) {
    lastEntry.put(key, nowMs);
  }

  /** Every last entry time, sorted by strategy and symbol. */
  public List<FlowSnapshot.Cooldown> snapshot() {
    List<FlowSnapshot.Cooldown> out = new ArrayList<>();
    lastEntry.forEach((k, v) -> out.add(new FlowSnapshot.Cooldown(k, v)));
    out.sort(
        java.util.Comparator.comparing((FlowSnapshot.Cooldown c) -> c.key().strategyId())
            .thenComparing(c -> c.key().instrument()));
    return out;
  }

  /** Replaces the state. */
  public void restore(List<FlowSnapshot.Cooldown> cooldowns) {
    lastEntry.clear();
    cooldowns.forEach(c -> lastEntry.put(c.key(), c.lastEntryMs()));
  }
}
