package io.perpetua.optimizer.algo;

import java.util.List;
import java.util.Locale;

/**
 * A search over the unit cube: proposes points, has them scored by the problem's evaluator until
 * the budget is spent. Implementations are stateless; a run is deterministic for a given problem
 * (seed) when the evaluator is.
 */
public interface SearchAlgorithm {
  /** The stable name, e.g. {@code tpe}. */
  String name();

  /** Runs the search until the evaluator's budget is spent (or the algorithm converges). */
  void search(SearchProblem problem);

  /** True for algorithms that optimise several objectives at once (a Pareto front). */
  default boolean multiObjective() {
    return false;
  }

  /** The algorithm names {@link #of} accepts. */
  List<String> NAMES = List.of("grid", "random", "lhs", "tpe", "cmaes", "ga", "nsga2");

  /**
   * The algorithm called {@code name}.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  static SearchAlgorithm of(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "grid" -> new GridSearch();
      case "random" -> new RandomSearch();
      case "lhs" -> new LatinHypercube();
      case "tpe" -> new Tpe();
      case "cmaes", "cma-es" -> new CmaEs();
      case "ga" -> new GeneticSearch();
      case "nsga2", "nsga-ii" -> new Nsga2();
      default ->
          throw new IllegalArgumentException(
              "algorithm: must be one of " + NAMES + ", was '" + name + "'");
    };
  }
}
