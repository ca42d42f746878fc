package io.perpetua.app.config;

import java.util.Map;

/**
 * The {@code orchestrator:} section (docs/allocation.md).
 *
 * @param enabled run the plan
 * @param pollSeconds how often due jobs are looked for
 * @param jobs the cron (UTC) of each job of the plan
 * @param triggers the event triggers' thresholds and the optimiser task they queue
 * @param retentionDays how long runs are kept in {@code orchestrator_runs} (the daily {@code
 *     prune_runs} job deletes older ones)
 * @param flowEvolutionApply whether the daily {@code flow_evolution} job applies its plan (else a
 *     dry run: report and audit only)
 */
public record OrchestratorSection(
    boolean enabled,
    int pollSeconds,
    Map<String, String> jobs,
    Triggers triggers,
    int retentionDays,
    boolean flowEvolutionApply) {

  /**
   * The {@code orchestrator.triggers:} section ({@link
   * io.perpetua.trading.orchestrator.EventTriggers}).
   */
  public record Triggers(
      double sharpeBelow,
      double mddAbove,
      int daysWithoutHigh,
      double quantileQ,
      int quantileWindowDays,
      double volSpikeRatio,
      double riskUsageAbove,
      int trainDays,
      int validateDays,
      String objective,
      double maxDrawdown) {
    /** The triggers (the message of a bad value names its key). */
    public io.perpetua.trading.orchestrator.EventTriggers toTriggers() {
      return new io.perpetua.trading.orchestrator.EventTriggers(
          sharpeBelow,
          mddAbove,
          daysWithoutHigh,
          quantileQ,
          quantileWindowDays,
          volSpikeRatio,
          riskUsageAbove,
          trainDays,
          validateDays,
          objective,
          maxDrawdown);
    }
  }
}
