package io.perpetua.trading.flow.live;

/**
 * The wall-clock waits of the live executor ({@code tp_timeout_ms}, {@code timeout_grace_ms}). The
 * executor's own thread by default; tests inject a manual one to move time deterministically.
 */
@FunctionalInterface
public interface FlowLiveTimer {
  /**
   * Runs {@code task} once, {@code delayMs} from now, on any thread (the executor queues the work
   * onto its own thread). Never cancelled: a task that comes too late finds nothing to do.
   */
  void schedule(Runnable task, long delayMs);
}
