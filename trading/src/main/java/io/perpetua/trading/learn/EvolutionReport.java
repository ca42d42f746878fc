package io.perpetua.trading.learn;

import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.learn.EvolutionPlan.Action;
import io.perpetua.trading.learn.EvolutionPlan.Line;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON (a map) and Markdown reports of an evolution run. Stateless. */
final class EvolutionReport {
  private EvolutionReport() {}

  /** The JSON report; {@code created} are the rows an applied run created (else empty). */
  static Map<String, Object> json(
      String runId, EvolutionPlan plan, boolean dryRun, List<FactoryStrategyRow> created) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("at", Instant.ofEpochMilli(plan.atMs()).toString());
    m.put("dry_run", dryRun);
    m.put("regimes", plan.regimes());
    List<Object> lines = new ArrayList<>();
    for (Line l : plan.strategies()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("strategy_id", l.id());
      one.put("name", l.name());
      one.put("symbol", l.symbol());
      one.put("auto_created", l.auto());
      one.put("age_hours", EvolutionPlanner.round(l.ageMs() / 3_600_000.0));
      one.put("closed_trades", l.fitness().closed());
      one.put("net_r", EvolutionPlanner.round(l.fitness().netR()));
      one.put("win_rate", EvolutionPlanner.round(l.fitness().winRate()));
      one.put("profit_factor", EvolutionPlanner.round(l.fitness().profitFactor()));
      one.put("signals", l.fitness().signals());
      one.put("fitness", EvolutionPlanner.round(l.fitness().fitness()));
      lines.add(one);
    }
    m.put("strategies", lines);
    List<Object> actions = new ArrayList<>();
    for (Action a : plan.actions()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("action", a.kind());
      one.put("symbol", a.symbol());
      one.put("strategy_id", a.strategy());
      one.put("parent_id", a.parent());
      one.put("definition", a.definition() == null ? null : FlowDefinitions.toMap(a.definition()));
      one.put("reason", a.reason());
      actions.add(one);
    }
    m.put("actions", actions);
    m.put("created", created.stream().map(r -> r.id().value()).toList());
    return m;
  }

  /** The Markdown report. */
  static String markdown(String runId, EvolutionPlan plan, boolean dryRun) {
    StringBuilder b = new StringBuilder();
    b.append("# Flow strategy evolution ").append(runId).append("\n\n");
    b.append(Instant.ofEpochMilli(plan.atMs()))
        .append(dryRun ? " — dry run\n\n" : " — applied\n\n");
    b.append("| strategy | symbol | auto | closed | net R | win rate | PF | signals | fitness |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Line l : plan.strategies()) {
      Fitness f = l.fitness();
      b.append("| ")
          .append(l.id())
          .append(" ")
          .append(l.name())
          .append(" | ")
          .append(l.symbol())
          .append(" | ")
          .append(l.auto() ? "yes" : "no")
          .append(" | ")
          .append(f.closed())
          .append(" | ")
          .append(EvolutionPlanner.round(f.netR()))
          .append(" | ")
          .append(EvolutionPlanner.round(f.winRate()))
          .append(" | ")
          .append(EvolutionPlanner.round(f.profitFactor()))
          .append(" | ")
          .append(f.signals())
          .append(" | ")
          .append(EvolutionPlanner.round(f.fitness()))
          .append(" |\n");
    }
    b.append("\nRegimes: ").append(plan.regimes()).append("\n\n## Decisions\n\n");
    if (plan.actions().isEmpty()) {
      b.append("- none\n");
    }
    for (Action a : plan.actions()) {
      b.append("- **").append(a.kind()).append("** ").append(a.symbol());
      if (a.strategy() != null) {
        b.append(" ").append(a.strategy());
      }
      if (a.definition() != null) {
        b.append(" \"").append(a.definition().displayName()).append("\" from ").append(a.parent());
      }
      b.append(": ").append(a.reason()).append("\n");
    }
    return b.toString();
  }
}
