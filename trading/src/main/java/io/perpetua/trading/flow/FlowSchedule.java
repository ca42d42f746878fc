package io.perpetua.trading.flow;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowStrategy;
import io.perpetua.signals.flow.FlowStrategyConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When flow strategies evaluate, on the event clock: each (strategy, symbol) slot at every multiple
 * of its interval, before the first tick at or after it (the first tick only sets the schedule).
 * Used by {@link KernelFlowStrategy}. Mutable, not thread-safe.
 */
final class FlowSchedule {
  /** A strategy on one symbol with its next evaluation time. */
  static final class Slot {
    final FlowStrategy strategy;
    long nextEvalMs = Long.MIN_VALUE;
    boolean paused;

    Slot(FlowStrategy strategy) {
      this.strategy = strategy;
    }
  }

  /** Receives a due evaluation at {@code boundary}. */
  interface Due {
    void evaluate(StrategyKey key, Slot slot, long boundary);
  }

  final Map<StrategyKey, Slot> slots = new LinkedHashMap<>();
  private long earliestEvalMs = Long.MAX_VALUE;

  /** Adds a slot or replaces its configuration; true when the slot is new. */
  boolean upsert(FlowStrategyConfig config) {
    StrategyKey key = new StrategyKey(config.id(), config.instrument());
    Slot slot = slots.get(key);
    if (slot == null) {
      slots.put(key, new Slot(new FlowStrategy(config)));
      earliestEvalMs = Long.MIN_VALUE;
      return true;
    }
    slot.strategy.update(config);
    return false;
  }

  /** Pauses or resumes every slot of {@code id}. */
  void pause(StrategyId id, boolean paused) {
    slots.forEach(
        (k, s) -> {
          if (k.strategyId().equals(id)) {
            s.paused = paused;
          }
        });
  }

  /** Forces a scan of every slot at the next tick (after a restore). */
  void rescan() {
    earliestEvalMs = Long.MIN_VALUE;
  }

  /** Runs the evaluations due at event time {@code t}. */
  void runDue(long t, Due due) {
    if (t < earliestEvalMs) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    for (Map.Entry<StrategyKey, Slot> e : slots.entrySet()) {
      Slot slot = e.getValue();
      long interval = slot.strategy.config().evalIntervalMs();
      if (slot.nextEvalMs == Long.MIN_VALUE) {
        slot.nextEvalMs = Math.floorDiv(t, interval) * interval + interval;
      } else if (t >= slot.nextEvalMs) {
        long boundary = Math.floorDiv(t, interval) * interval;
        slot.nextEvalMs = boundary + interval;
        due.evaluate(e.getKey(), slot, boundary);
      }
      earliest = Math.min(earliest, slot.nextEvalMs);
    }
    earliestEvalMs = earliest;
  }
}
