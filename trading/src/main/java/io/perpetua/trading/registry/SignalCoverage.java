package io.perpetua.trading.registry;

import java.util.List;

/**
 * A stored signal snapshot's coverage: how many of the pool's members got a signal at one decision
 * of one strategy, and which did not.
 *
 * @param strategy the strategy
 * @param timeMs the decision time (kernel time)
 * @param poolSize members of its pool then
 * @param signalsGenerated members with a signal
 * @param missingSymbols members without one (API symbols)
 */
public record SignalCoverage(
    String strategy, long timeMs, int poolSize, int signalsGenerated, List<String> missingSymbols) {
  /** Copies the list. */
  public SignalCoverage {
    missingSymbols = List.copyOf(missingSymbols);
  }
}
