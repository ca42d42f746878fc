package io.perpetua.trading.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * Entry cooldowns per strategy and symbol: a new entry needs {@code now ≥ last entry + cooldown}.
 * Survives restarts through {@link #lastEntries()} / {@link #restore} (the kernel checkpoint).
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

  /** Every last entry time (a copy). */
  public Map<StrategyKey, Long> lastEntries() {
    return Map.copyOf(lastEntry);
  }

  /** Replaces the state. */
  public void restore(Map<StrategyKey, Long> lastEntries) {
    lastEntry.clear();
    lastEntry.putAll(lastEntries);
  }
}
