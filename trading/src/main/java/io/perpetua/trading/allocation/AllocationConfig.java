package io.perpetua.trading.allocation;

import java.util.Objects;

/**
 * How the bandit allocates capital among running strategies (spec 003 §5). Immutable; validated in
 * the canonical constructor (the message names the configuration key).
 *
 * @param policy {@code ucb1} or {@code thompson}
 * @param risk the reward's denominator: {@code vol} (standard deviation of the window's returns),
 *     {@code var} (95 % historical value at risk) or {@code drawdown} (the window's maximum
 *     drawdown)
 * @param windowUnit {@code days} (returns of the last {@code windowSize} days) or {@code trades}
 *     (the last {@code windowSize} return observations)
 * @param windowSize the smoothing window's size (days or observations)
 * @param minObservations observations a strategy needs in its window before it can be cooled down
 *     or counted in the correlation trigger (no elimination on one loss)
 * @param ucbC the UCB1 exploration constant {@code c}
 * @param temperature the softmax temperature turning scores into target weights
 * @param cooldownMs how long the worst strategy stays in the cool-down pool
 * @param maxCooled how many strategies may be in the cool-down pool at once
 * @param probationWeight the largest weight a strategy back from cool-down may get (probation)
 * @param probationSteps steps a strategy stays on probation
 * @param maxStepFraction the largest share of the capital moved in one step (half the sum of the
 *     absolute weight changes, cash included)
 * @param minMove below this move a step changes nothing (slow moves: no rebalance for noise)
 * @param costBps cost of moving capital between strategies, basis points of the moved capital
 * @param maxWeight the largest weight of one strategy
 * @param correlationThreshold two strategies whose window returns correlate above it are cut
 * @param correlationCut the fraction of the pair's combined weight cut (goes to cash)
 * @param volSpikeRatio market volatility (short window) over its long-window level above which an
 *     optimisation is queued
 * @param targetVol the portfolio volatility target of the {@code target_vol} mode (daily)
 * @param seed Thompson sampling's seed (same seed, same allocations)
 */
public record AllocationConfig(
    String policy,
    String risk,
    String windowUnit,
    int windowSize,
    int minObservations,
    double ucbC,
    double temperature,
    long cooldownMs,
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
  /** UCB1. */
  public static final String UCB1 = "ucb1";

  /** Thompson sampling. */
  public static final String THOMPSON = "thompson";

  /** The defaults of {@code perpetua-defaults.yaml} ({@code allocation:}). */
  public static AllocationConfig defaults() {
    return new AllocationConfig(
        THOMPSON,
        "vol",
        "days",
        7,
        5,
        Math.sqrt(2),
        0.5,
        72 * 3_600_000L,
        1,
        0.1,
        12,
        0.05,
        0.005,
        5,
        0.8,
        0.8,
        0.5,
        2.0,
        0.02,
        42L);
  }

  /** Validates every field. */
  public AllocationConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(windowUnit, "windowUnit");
    oneOf("allocation.policy", policy, UCB1, THOMPSON);
    oneOf("allocation.risk", risk, "vol", "var", "drawdown");
    oneOf("allocation.window_unit", windowUnit, "days", "trades");
    positive("allocation.window_size", windowSize);
    if (minObservations < 2) {
      throw new IllegalArgumentException("allocation.min_observations must be >= 2");
    }
    between("allocation.ucb_c", ucbC, 0, 100);
    between("allocation.temperature", temperature, 1e-6, 100);
    if (cooldownMs < 0) {
      throw new IllegalArgumentException("allocation.cooldown must be >= 0");
    }
    if (maxCooled < 0) {
      throw new IllegalArgumentException("allocation.max_cooled must be >= 0");
    }
    between("allocation.probation_weight", probationWeight, 0, 1);
    if (probationSteps < 0) {
      throw new IllegalArgumentException("allocation.probation_steps must be >= 0");
    }
    between("allocation.max_step_fraction", maxStepFraction, 1e-9, 1);
    between("allocation.min_move", minMove, 0, 1);
    between("allocation.cost_bps", costBps, 0, 10_000);
    between("allocation.max_weight", maxWeight, 1e-9, 1);
    between("allocation.correlation_threshold", correlationThreshold, -1, 1);
    between("allocation.correlation_cut", correlationCut, 0, 1);
    between("allocation.vol_spike_ratio", volSpikeRatio, 1, 1000);
    between("allocation.target_vol", targetVol, 1e-9, 10);
  }

  /** Whether the window counts observations rather than days. */
  public boolean windowInTrades() {
    return "trades".equals(windowUnit);
  }

  /** A copy with {@code policy}. */
  public AllocationConfig withPolicy(String value) {
    return new AllocationConfig(
        value,
        risk,
        windowUnit,
        windowSize,
        minObservations,
        ucbC,
        temperature,
        cooldownMs,
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

  /** A copy with {@code value} as the seed. */
  public AllocationConfig withSeed(long value) {
    return new AllocationConfig(
        policy,
        risk,
        windowUnit,
        windowSize,
        minObservations,
        ucbC,
        temperature,
        cooldownMs,
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
        value);
  }

  private static void oneOf(String key, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        key + " must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be > 0, was " + value);
    }
  }

  private static void between(String key, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          key + " must be in [" + lo + ", " + hi + "], was " + value);
    }
  }
}
