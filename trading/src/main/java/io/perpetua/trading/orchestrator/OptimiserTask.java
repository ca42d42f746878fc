package io.perpetua.trading.orchestrator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A re-optimisation the orchestrator or the allocator asks for (spec 003 §2.1: {@code
 * optimizer_task} with train/validate windows, objective and constraints). Immutable.
 *
 * @param strategy the strategy to re-optimise
 * @param trigger what asked for it ({@code schedule:walk_forward}, {@code sharpe_below}, {@code
 *     vol_spike}, ...)
 * @param detail the numbers that fired the trigger
 * @param trainDays the training window (days)
 * @param validateDays the validation window (days) after it
 * @param objective the objective ({@code calmar}, {@code sharpe}, {@code sortino})
 * @param constraints constraints by name (e.g. {@code max_drawdown: 0.25})
 * @param requestedAtMs when it was asked for
 */
public record OptimiserTask(
    String strategy,
    String trigger,
    String detail,
    int trainDays,
    int validateDays,
    String objective,
    Map<String, Double> constraints,
    long requestedAtMs) {
  /** Validates; copies the constraints. */
  public OptimiserTask {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(objective, "objective");
    detail = detail == null ? "" : detail;
    if (trainDays <= 0 || validateDays <= 0) {
      throw new IllegalArgumentException("train and validate windows must be > 0 days");
    }
    constraints = Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
  }
}
