package io.perpetua.trading.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The risk engine's clock for alerts and risk events: the latest kernel time it has seen (steps,
 * checks, trade hooks). Alerts and events carry kernel time (replay time in paper trading) whoever
 * causes them, so each list has one clock. An operator action (API thread, wall clock) is stamped
 * with the latest kernel time, the step at which it binds; before the first kernel time it waits
 * for it. The operator records themselves (emergency stop, symbol controls) keep their wall-clock
 * time. Not thread-safe: guarded by the engine's monitor.
 */
final class KernelTime {
  private long nowMs = Long.MIN_VALUE;
  private final List<LongConsumer> waiting = new ArrayList<>();

  /** Runs {@code action} with the latest kernel time, or at the first one when none yet. */
  void at(LongConsumer action) {
    if (nowMs == Long.MIN_VALUE) {
      waiting.add(action);
    } else {
      action.accept(nowMs);
    }
  }

  /** Advances to {@code timeMs} (never backwards) and runs the actions that waited for it. */
  void advance(long timeMs) {
    if (timeMs > nowMs) {
      nowMs = timeMs;
    }
    if (!waiting.isEmpty()) {
      List<LongConsumer> due = List.copyOf(waiting);
      waiting.clear();
      due.forEach(a -> a.accept(nowMs));
    }
  }
}
