package io.perpetua.server.obs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Spec 001's system status of the control plane, inside {@code GET /api/v1/system/status} as {@code
 * control_plane} (camelCase inside, as spec 001 writes it; null when the control plane is off).
 *
 * @param status {@code running}, {@code stopped} or {@code error}
 * @param uptime milliseconds since the control plane started
 * @param services its services
 * @param performance its operations' timing and the process's load
 * @param activeAccounts configured accounts
 * @param totalOperations operations since start
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ControlPlaneStatus(
    String status,
    long uptime,
    List<ControlService> services,
    ControlPerformance performance,
    int activeAccounts,
    long totalOperations) {

  /** Spec 001 {@code ServiceStatus}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ControlService(String name, String status, long lastHeartbeat, long errorCount) {}

  /** Spec 001 {@code PerformanceMetrics}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ControlPerformance(
      double avgResponseTime, double operationsPerSecond, double memoryUsage, double cpuUsage) {}
}
