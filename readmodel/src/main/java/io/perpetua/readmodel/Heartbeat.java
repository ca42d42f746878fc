package io.perpetua.readmodel;

import java.util.Map;

/**
 * The last heartbeat of a pipeline service ({@code quant:heartbeat:{service}}).
 *
 * @param service service name, e.g. {@code asset_pool_service}
 * @param status {@code healthy}, {@code degraded} or {@code down}
 * @param lastHeartbeatMs wall time of the heartbeat, epoch ms
 * @param startedAtMs wall time the service started, epoch ms
 * @param metrics service-specific metrics (numbers, strings, booleans)
 */
public record Heartbeat(
    String service,
    String status,
    long lastHeartbeatMs,
    long startedAtMs,
    Map<String, Object> metrics) {
  /** Copies the metrics. */
  public Heartbeat {
    metrics = Map.copyOf(metrics);
  }
}
