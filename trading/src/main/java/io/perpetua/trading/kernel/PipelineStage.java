package io.perpetua.trading.kernel;

import io.perpetua.readmodel.Heartbeat;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.StageState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One pipeline service's observable state: its stage status, last and next run (kernel clock) and
 * metrics, published as a {@link StageState} and a {@link Heartbeat} (wall clock) to the {@link
 * PlatformState}. No heartbeat goes out before the stage has published its state once, so a service
 * never reports healthy while {@code /health/pipeline} cannot show it yet. Thread-safe: the kernel
 * updates it, a ticker re-publishes heartbeats.
 */
public final class PipelineStage {
  private final String service;
  private final String stage;
  private final String displayName;
  private final PlatformState state;
  private final LongSupplier wallClock;
  private final long startedAtMs;
  private final boolean enabled;
  private String status = "idle";
  private String health = "healthy";
  private Long lastRunMs;
  private Long nextRunMs;
  private Map<String, Object> metrics = Map.of();
  private boolean published;

  /** A stage named {@code stage} served by {@code service}; a disabled stage records nothing. */
  public PipelineStage(
      String service,
      String stage,
      String displayName,
      PlatformState state,
      LongSupplier wallClock,
      boolean enabled) {
    this.enabled = enabled;
    this.service = service;
    this.stage = stage;
    this.displayName = displayName;
    this.state = state;
    this.wallClock = wallClock;
    this.startedAtMs = wallClock.getAsLong();
  }

  /** Marks the stage running. */
  public synchronized void running() {
    if (!enabled) {
      return;
    }
    status = "running";
    publish();
  }

  /** Records a successful run. */
  public synchronized void ran(long runMs, Long nextMs, Map<String, Object> newMetrics) {
    if (!enabled) {
      return;
    }
    status = "idle";
    health = "healthy";
    lastRunMs = runMs;
    nextRunMs = nextMs;
    metrics = new LinkedHashMap<>(newMetrics);
    publish();
  }

  /** Sets status and metrics without a run (e.g. a streaming stage). */
  public synchronized void update(
      String newStatus, Long lastMs, Long nextMs, Map<String, Object> newMetrics) {
    if (!enabled) {
      return;
    }
    status = newStatus;
    lastRunMs = lastMs;
    nextRunMs = nextMs;
    metrics = new LinkedHashMap<>(newMetrics);
    publish();
  }

  /** Records a failure; the service reports degraded until its next success. */
  public synchronized void failed(long runMs, String error) {
    if (!enabled) {
      return;
    }
    status = "error";
    health = "degraded";
    lastRunMs = runMs;
    Map<String, Object> m = new LinkedHashMap<>(metrics);
    m.put("last_error", error);
    metrics = m;
    publish();
  }

  /** Re-publishes the heartbeat with the current wall time (nothing before the first publish). */
  public synchronized void heartbeat() {
    if (!enabled || !published) {
      return;
    }
    state.putHeartbeat(new Heartbeat(service, health, wallClock.getAsLong(), startedAtMs, metrics));
  }

  private void publish() {
    state.putStage(new StageState(stage, displayName, status, lastRunMs, nextRunMs, metrics));
    published = true;
    heartbeat();
  }

  /** The stage's last run (kernel time) or null. */
  public synchronized Long lastRunMs() {
    return lastRunMs;
  }
}
