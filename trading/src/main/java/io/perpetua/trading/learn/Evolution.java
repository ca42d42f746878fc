package io.perpetua.trading.learn;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowJournal;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.StrategyStatus;
import io.perpetua.trading.learn.EvolutionPlan.Action;
import io.perpetua.trading.learn.EvolutionPlan.Line;
import io.perpetua.trading.learn.EvolutionStore.Lineage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The daily auto-evolution of the order-flow strategies (spec §5): per running factory strategy its
 * closed trades, net R, win rate, profit factor and signal count over the window from the kernel's
 * records (the flow journal), the regime per symbol, the fitness, and the {@link
 * EvolutionPlanner}'s decisions. A dry run only reports; an applied run stores its record, the new
 * and deprecated rows and the lineage in one {@link EvolutionStore#commit} before the running
 * strategies change (a failure leaves nothing). Every run and each of its decisions is a {@link
 * LearningDecision}. Thread-safe (one run at a time).
 */
public final class Evolution {
  /** Action of a run's decision record. */
  public static final String RUN = "flow.learning.evolution.run";

  private static final long DAY = 86_400_000L;
  private static final int MAX_EVALUATIONS = 20_000;

  private final FlowService flow;
  private final EvolutionStore store;
  private final EvolutionPlanner planner;
  private final EvolutionConfig config;
  private final LongSupplier clock;
  private final LearningDecision.Sink audit;

  /** An evolution of {@code flow}'s strategies kept in {@code store}. */
  public Evolution(
      FlowService flow,
      EvolutionStore store,
      EvolutionConfig config,
      LongSupplier clock,
      LearningDecision.Sink audit) {
    this.flow = Objects.requireNonNull(flow, "flow");
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
    this.planner = new EvolutionPlanner(config);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** The store (runs and lineage). */
  public EvolutionStore store() {
    return store;
  }

  /** Plans and, unless {@code dryRun}, applies one run for {@code actor}; returns its record. */
  public synchronized EvolutionStore.Run run(boolean dryRun, String actor) {
    long now = clock.getAsLong();
    String runId = runId(now, dryRun);
    EvolutionPlan plan = plan(now);
    List<FactoryStrategyRow> created = new ArrayList<>();
    EvolutionStore.Run record;
    if (dryRun) {
      record = record(runId, plan, true, actor, created);
      store.commit(record, List.of(), List.of());
    } else {
      List<Action> creations = plan.actions(EvolutionPlan.CREATE);
      List<FactoryStrategyDefinition> defs = creations.stream().map(Action::definition).toList();
      List<StrategyId> retire =
          plan.actions(EvolutionPlan.DEPRECATE).stream()
              .map(a -> StrategyId.of(a.strategy()))
              .toList();
      EvolutionStore.Run[] stored = new EvolutionStore.Run[1];
      flow.applyAtomically(
          defs,
          retire,
          rows -> {
            List<Lineage> born = new ArrayList<>();
            for (int i = 0; i < defs.size(); i++) {
              FactoryStrategyRow row = rows.get(i);
              created.add(row);
              born.add(
                  new Lineage(
                      row.id(),
                      row.definition().instrument(),
                      StrategyId.of(creations.get(i).parent()),
                      runId,
                      now));
            }
            stored[0] = record(runId, plan, false, actor, created);
            store.commit(stored[0], rows, born);
          });
      record = stored[0];
    }
    audit(record, plan, actor, now);
    return record;
  }

  private String runId(long now, boolean dryRun) {
    String base = "evo-" + now + (dryRun ? "-dry" : "");
    Set<String> seen = new HashSet<>();
    store.runs(50).forEach(r -> seen.add(r.id()));
    String id = base;
    for (int i = 2; seen.contains(id); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  private EvolutionStore.Run record(
      String runId, EvolutionPlan plan, boolean dryRun, String actor, List<FactoryStrategyRow> c) {
    return new EvolutionStore.Run(
        runId,
        plan.atMs(),
        dryRun,
        actor,
        EvolutionReport.json(runId, plan, dryRun, c),
        EvolutionReport.markdown(runId, plan, dryRun));
  }

  private void audit(EvolutionStore.Run run, EvolutionPlan plan, String actor, long now) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("run_id", run.id());
    summary.put("dry_run", run.dryRun());
    summary.put("regimes", plan.regimes());
    summary.put("created", run.report().get("created"));
    audit.decided(
        new LearningDecision(
            RUN, "flow", actor, run.dryRun() ? "dry run" : "applied", summary, now));
    for (Action a : plan.actions()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("run_id", run.id());
      n.put("dry_run", run.dryRun());
      n.put("strategy_id", a.strategy());
      n.put("parent_id", a.parent());
      audit.decided(
          new LearningDecision(
              "flow.learning.evolution." + a.kind(), a.symbol(), actor, a.reason(), n, now));
    }
  }

  /** The plan for now, from the running strategies and their records. */
  EvolutionPlan plan(long now) {
    long from = now - config.windowDays() * DAY;
    Set<String> auto = new HashSet<>();
    Map<String, Integer> createdToday = new HashMap<>();
    for (Lineage l : store.lineage()) {
      auto.add(l.strategy().value());
      if (l.createdMs() / DAY == now / DAY) {
        createdToday.merge(l.symbol().venueSymbol(), 1, Integer::sum);
      }
    }
    FlowJournal journal = flow.journal();
    List<Line> lines = new ArrayList<>();
    Map<String, FactoryStrategyDefinition> definitions = new HashMap<>();
    Map<String, List<FlowEvaluation>> bySymbol = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (FactoryStrategyRow row : flow.strategies()) {
      names.add(row.definition().displayName());
      if (row.status() != StrategyStatus.RUNNING) {
        continue;
      }
      String symbol = row.definition().symbol();
      List<ClosedFlowTrade> trades =
          journal.closedTrades(row.id(), null).stream()
              .filter(t -> t.exitTimeMs() >= from)
              .toList();
      List<FlowEvaluation> evals =
          journal
              .evaluations(
                  new FlowJournal.EvaluationQuery(row.id(), null, from, now, 1, MAX_EVALUATIONS))
              .items();
      bySymbol.computeIfAbsent(symbol, k -> new ArrayList<>()).addAll(evals);
      int signals = (int) evals.stream().filter(FlowEvaluation::opens).count();
      double days = Math.min(config.windowDays(), (now - row.createdMs()) / (double) DAY);
      lines.add(
          new Line(
              row.id().value(),
              row.definition().displayName(),
              symbol,
              auto.contains(row.id().value()),
              now - row.createdMs(),
              Fitness.of(trades, signals, days)));
      definitions.put(row.id().value(), row.definition());
    }
    Map<String, Regime> regimes = new HashMap<>();
    bySymbol.forEach(
        (s, evals) -> {
          evals.sort(java.util.Comparator.comparingLong(FlowEvaluation::timeMs));
          regimes.put(s, Regime.of(evals));
        });
    return planner.plan(now, lines, regimes, definitions, createdToday, names);
  }
}
