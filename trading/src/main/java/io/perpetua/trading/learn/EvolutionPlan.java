package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryStrategyDefinition;
import java.util.List;
import java.util.Map;

/**
 * What one evolution run decided (spec §5): per running strategy its window statistics and fitness,
 * per symbol its regime, and the actions — create (a mutated child of the symbol's best parent),
 * deprecate (the weakest auto-created strategy old enough), skip (a limit held).
 *
 * <p>Immutable.
 *
 * @param atMs when
 * @param strategies the running strategies, by symbol then id
 * @param regimes regime code per symbol
 * @param actions the decisions, by symbol
 */
public record EvolutionPlan(
    long atMs, List<Line> strategies, Map<String, String> regimes, List<Action> actions) {
  /** Create a strategy. */
  public static final String CREATE = "create";

  /** Deprecate a strategy. */
  public static final String DEPRECATE = "deprecate";

  /** A limit held: nothing created. */
  public static final String SKIP = "skip";

  /**
   * A running strategy's line.
   *
   * @param id strategy id
   * @param name display name
   * @param symbol its symbol
   * @param auto whether the evolution created it
   * @param ageMs its age
   * @param fitness its window statistics and fitness
   */
  public record Line(
      String id, String name, String symbol, boolean auto, long ageMs, Fitness fitness) {}

  /**
   * One decision.
   *
   * @param kind {@link #CREATE}, {@link #DEPRECATE} or {@link #SKIP}
   * @param symbol the symbol
   * @param strategy the strategy deprecated, or null
   * @param parent the parent of a creation, or null
   * @param definition the new strategy's definition, or null
   * @param reason why
   */
  public record Action(
      String kind,
      String symbol,
      String strategy,
      String parent,
      FactoryStrategyDefinition definition,
      String reason) {}

  /** Copies the collections. */
  public EvolutionPlan {
    strategies = List.copyOf(strategies);
    regimes = Map.copyOf(regimes);
    actions = List.copyOf(actions);
  }

  /** The actions of {@code kind}. */
  public List<Action> actions(String kind) {
    return actions.stream().filter(a -> a.kind().equals(kind)).toList();
  }
}
