package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.learn.EvolutionPlan.Action;
import io.perpetua.trading.learn.EvolutionPlan.Line;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decisions of one evolution run from its inputs (spec §5), per symbol in name order: the best
 * running strategy by fitness is the parent of at most {@code maxNewPerSymbolPerDay} mutated child
 * per UTC day; to keep at most {@code maxAutoRunningPerSymbol} auto-created strategies running, the
 * weakest auto-created ones at least {@code minAgeMs} old are deprecated, and when none may be, the
 * child is not created. Pure and deterministic (seeded by the config, the symbol and the day).
 */
final class EvolutionPlanner {
  private final EvolutionConfig config;

  EvolutionPlanner(EvolutionConfig config) {
    this.config = config;
  }

  /**
   * The plan for {@code lines} (running strategies), {@code regimes} per symbol, {@code
   * createdToday} (creations this UTC day per symbol) and the taken display names.
   */
  EvolutionPlan plan(
      long nowMs,
      List<Line> lines,
      Map<String, Regime> regimes,
      Map<String, FactoryStrategyDefinition> definitions,
      Map<String, Integer> createdToday,
      Set<String> takenNames) {
    Map<String, List<Line>> bySymbol = new TreeMap<>();
    lines.forEach(l -> bySymbol.computeIfAbsent(l.symbol(), k -> new ArrayList<>()).add(l));
    List<Action> actions = new ArrayList<>();
    Map<String, String> regimeCodes = new TreeMap<>();
    for (var entry : bySymbol.entrySet()) {
      Regime regime = regimes.getOrDefault(entry.getKey(), Regime.RANGE);
      regimeCodes.put(entry.getKey(), regime.code());
      planSymbol(
          entry.getKey(),
          entry.getValue(),
          regime,
          nowMs,
          definitions,
          createdToday,
          takenNames,
          actions);
    }
    return new EvolutionPlan(nowMs, lines, regimeCodes, actions);
  }

  private void planSymbol(
      String symbol,
      List<Line> running,
      Regime regime,
      long nowMs,
      Map<String, FactoryStrategyDefinition> definitions,
      Map<String, Integer> createdToday,
      Set<String> takenNames,
      List<Action> actions) {
    Line parent =
        running.stream()
            .max(
                Comparator.comparingDouble((Line l) -> l.fitness().fitness())
                    .thenComparing(Line::id, Comparator.reverseOrder()))
            .orElseThrow();
    boolean create = createdToday.getOrDefault(symbol, 0) < config.maxNewPerSymbolPerDay();
    if (!create) {
      actions.add(skip(symbol, config.maxNewPerSymbolPerDay() + " new strategy per day already"));
    }
    create = makeRoom(symbol, running, create, actions);
    if (create) {
      FactoryStrategyDefinition p = definitions.get(parent.id());
      String name = name(p.displayName(), nowMs, takenNames);
      takenNames.add(name);
      Random random = new Random(seed(symbol, nowMs));
      actions.add(
          new Action(
              EvolutionPlan.CREATE,
              symbol,
              null,
              parent.id(),
              Mutations.mutate(p, regime, random, name),
              "mutation of the best parent "
                  + parent.id()
                  + " (fitness "
                  + round(parent.fitness().fitness())
                  + ", regime "
                  + regime.code()
                  + ")"));
    }
  }

  /**
   * Deprecates the weakest auto-created strategies old enough until at most the allowed number
   * would run; returns whether the child may still be created.
   */
  private boolean makeRoom(
      String symbol, List<Line> running, boolean create, List<Action> actions) {
    List<Line> auto = running.stream().filter(Line::auto).toList();
    List<Line> eligible =
        auto.stream()
            .filter(l -> l.ageMs() >= config.minAgeMs())
            .sorted(
                Comparator.comparingDouble((Line l) -> l.fitness().fitness())
                    .thenComparing(Line::id))
            .toList();
    int planned = auto.size() + (create ? 1 : 0);
    int next = 0;
    while (planned > config.maxAutoRunningPerSymbol()) {
      if (next < eligible.size()) {
        Line weakest = eligible.get(next++);
        actions.add(
            new Action(
                EvolutionPlan.DEPRECATE,
                symbol,
                weakest.id(),
                null,
                null,
                "weakest auto-created (fitness " + round(weakest.fitness().fitness()) + ")"));
      } else if (create) {
        create = false;
        actions.add(
            skip(
                symbol,
                config.maxAutoRunningPerSymbol()
                    + " auto-created running and none older than the minimum age"));
      } else {
        break;
      }
      planned--;
    }
    return create;
  }

  private long seed(String symbol, long nowMs) {
    return config.seed() * 1_000_003L + symbol.hashCode() * 31L + nowMs / 86_400_000L;
  }

  private static Action skip(String symbol, String reason) {
    return new Action(EvolutionPlan.SKIP, symbol, null, null, null, reason);
  }

  private static String name(String parent, long nowMs, Set<String> taken) {
    String day = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate().toString();
    String base = parent.substring(0, Math.min(parent.length(), 30)) + " auto " + day;
    String name = base;
    for (int i = 2; taken.stream().anyMatch(name::equalsIgnoreCase); i++) {
      name = base + " " + i;
    }
    return name;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
