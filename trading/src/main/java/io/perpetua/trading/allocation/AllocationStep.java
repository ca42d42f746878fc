package io.perpetua.trading.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation step: the weights before, the targets the policy wanted, the weights after the
 * step limit, the scores and rewards behind them, what moved and what it cost, and the events
 * (cool-downs, probation, correlation cuts, a volatility spike). Immutable.
 *
 * @param atMs when
 * @param mode {@code bandit} or {@code target_vol}
 * @param policy the bandit policy ({@code ucb1}, {@code thompson}) or {@code target_vol}
 * @param previous the weights before
 * @param targets what the policy wanted
 * @param weights the weights after the step (applied to the sleeves)
 * @param scores the policy's scores (UCB1 bound, Thompson sample, or 1/σ for target_vol)
 * @param rewards each strategy's window reward {@code R = PnL_net / risk} (NaN: too few returns)
 * @param cooling the cool-down pool after the step, with the end of each cool-down
 * @param probation the strategies on probation after the step
 * @param moved the share of the capital moved (half the absolute weight changes, cash included)
 * @param cost the estimated cost of the move, as a fraction of the capital
 * @param events what happened, one line each ({@code cooldown ...}, {@code correlation ...}, ...)
 * @param volSpike whether the market volatility trigger fired (an optimisation is queued)
 * @param state the state to carry to the next step
 */
public record AllocationStep(
    long atMs,
    String mode,
    String policy,
    Map<String, Double> previous,
    Map<String, Double> targets,
    Map<String, Double> weights,
    Map<String, Double> scores,
    Map<String, Double> rewards,
    Map<String, Long> cooling,
    List<String> probation,
    double moved,
    double cost,
    List<String> events,
    boolean volSpike,
    AllocationState state) {
  /** Copies the collections. */
  public AllocationStep {
    previous = copy(previous);
    targets = copy(targets);
    weights = copy(weights);
    scores = copy(scores);
    rewards = copy(rewards);
    cooling = Collections.unmodifiableMap(new LinkedHashMap<>(cooling));
    probation = List.copyOf(probation);
    events = List.copyOf(events);
  }

  private static Map<String, Double> copy(Map<String, Double> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
