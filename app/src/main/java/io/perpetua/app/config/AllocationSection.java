package io.perpetua.app.config;

/**
 * The {@code allocation:} section: bandit capital allocation (docs/allocation.md); the keys are
 * those of {@link io.perpetua.trading.allocation.AllocationConfig}, the cool-down in hours.
 */
public record AllocationSection(
    String policy,
    String risk,
    String windowUnit,
    int windowSize,
    int minObservations,
    double ucbC,
    double temperature,
    double cooldownHours,
    int maxCooled,
    double probationWeight,
    int probationSteps,
    double maxStepFraction,
    double minMove,
    double costBps,
    double maxWeight,
    double correlationThreshold,
    double correlationCut,
    double volSpikeRatio,
    double targetVol,
    long seed) {
  /** The allocator's configuration (the message of a bad value names its key). */
  public io.perpetua.trading.allocation.AllocationConfig toConfig() {
    return new io.perpetua.trading.allocation.AllocationConfig(
        policy,
        risk,
        windowUnit,
        windowSize,
        minObservations,
        ucbC,
        temperature,
        Math.round(cooldownHours * 3_600_000L),
        maxCooled,
        probationWeight,
        probationSteps,
        maxStepFraction,
        minMove,
        costBps,
        maxWeight,
        correlationThreshold,
        correlationCut,
        volSpikeRatio,
        targetVol,
        seed);
  }
}
