package io.perpetua.readmodel;

import java.util.Map;

/**
 * The state of one pipeline stage ({@code quant:state:{service}:status} and {@code :last_run}).
 *
 * @param name stage id, e.g. {@code signal_generation}
 * @param displayName human name
 * @param status {@code running}, {@code idle} or {@code error}
 * @param lastRunMs last run (kernel clock), or null
 * @param nextRunMs next scheduled run (kernel clock), or null
 * @param metrics stage-specific metrics
 */
public record StageState(
    String name,
    String displayName,
    String status,
    Long lastRunMs,
    Long nextRunMs,
    Map<String, Object> metrics) {
  /** Copies the metrics. */
  public StageState {
    metrics = Map.copyOf(metrics);
  }
}
