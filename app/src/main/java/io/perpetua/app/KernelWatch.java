package io.perpetua.app;

import io.perpetua.readmodel.Heartbeat;
import io.perpetua.trading.kernel.Pacer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Whether the kernel thread is alive and making progress, told as the {@value #SERVICE} heartbeat:
 * {@code down} once it failed, or when it has spent longer than the stall limit outside its pacer
 * (a step that never ends: blocked on a store, looping); {@code degraded} while it is still
 * starting (importing the market, opening the journal, building the kernel: {@code /health} is not
 * healthy before the account and the pipeline stages are published); {@code healthy} once it runs,
 * while it waits for the next event, or when it has finished the replay. The kernel reports
 * progress through {@link #pace} and {@link #progress}. Thread-safe: the kernel thread writes, the
 * heartbeat ticker reads.
 */
final class KernelWatch {
  /** Service name of the kernel's own heartbeat. */
  static final String SERVICE = "trading_kernel";

  private final LongSupplier clock;
  private final long stallMs;
  private final long startedAtMs;
  private volatile long lastProgressMs;
  private volatile boolean waiting;
  private volatile boolean running;
  private volatile boolean ended;
  private volatile Throwable failure;

  /** A watch on the wall clock {@code clock}; a kernel silent for {@code stallMs} is down. */
  KernelWatch(LongSupplier clock, long stallMs) {
    this.clock = clock;
    this.stallMs = stallMs;
    this.startedAtMs = clock.getAsLong();
    this.lastProgressMs = startedAtMs;
  }

  /** {@code inner}, recording that the kernel is waiting (not stalled) while inside it. */
  Pacer pace(Pacer inner) {
    running = true;
    return eventTimeMs -> {
      progress();
      waiting = true;
      try {
        return inner.awaitEventTime(eventTimeMs);
      } finally {
        waiting = false;
        progress();
      }
    };
  }

  /** The kernel is making progress now. */
  void progress() {
    lastProgressMs = clock.getAsLong();
  }

  /** The kernel thread ended normally (replay finished, or stopped). */
  void ended() {
    ended = true;
  }

  /** The kernel thread ended on {@code error}. */
  void failed(Throwable error) {
    failure = error;
  }

  /** True while the kernel neither failed nor stalled. */
  boolean healthy() {
    return reason(clock.getAsLong()) == null;
  }

  /** The kernel's heartbeat now. */
  Heartbeat heartbeat() {
    long now = clock.getAsLong();
    String reason = reason(now);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("last_progress_seconds_ago", (now - lastProgressMs) / 1000);
    metrics.put("finished", ended && failure == null);
    String status = "healthy";
    if (reason != null) {
      metrics.put("last_error", reason);
      status = "down";
    } else if (!running && !ended) {
      metrics.put("starting", true);
      status = "degraded";
    }
    return new Heartbeat(SERVICE, status, now, startedAtMs, metrics);
  }

  private String reason(long now) {
    Throwable f = failure;
    if (f != null) {
      return "kernel failed: " + f.getMessage();
    }
    if (!ended && !waiting && now - lastProgressMs > stallMs) {
      return "kernel stalled: no progress for " + (now - lastProgressMs) / 1000 + " s";
    }
    return null;
  }
}
