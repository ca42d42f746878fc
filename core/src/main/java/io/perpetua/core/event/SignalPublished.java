package io.perpetua.core.event;

import io.perpetua.core.StrategyId;

/**
 * A strategy published a new signal snapshot.
 *
 * @param eventTimeMs signal time
 * @param strategy the strategy
 * @param symbolsWithSignal symbols that received a signal value
 * @param symbolsInPool size of the asset pool
 * @param longCount long targets
 * @param shortCount short targets
 */
public record SignalPublished(
    long eventTimeMs,
    StrategyId strategy,
    int symbolsWithSignal,
    int symbolsInPool,
    int longCount,
    int shortCount)
    implements Event {
  @Override
  public String type() {
    return "signal.published";
  }
}
