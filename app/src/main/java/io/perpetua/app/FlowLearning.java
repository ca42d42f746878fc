package io.perpetua.app;

import io.perpetua.app.security.LearningAudit;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.server.ApiServer;
import io.perpetua.server.v1.flow.FlowEvolutionRoutes;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcEvolutionStore;
import io.perpetua.store.jdbc.JdbcLifecycleStore;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowJournal;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.LabelEvent;
import io.perpetua.trading.flow.StrategyStatus;
import io.perpetua.trading.learn.Evolution;
import io.perpetua.trading.learn.EvolutionConfig;
import io.perpetua.trading.learn.EvolutionStore;
import io.perpetua.trading.learn.FlowParameters;
import io.perpetua.trading.learn.LabelledSignal;
import io.perpetua.trading.learn.LearningDecision;
import io.perpetua.trading.learn.ReweightConfig;
import io.perpetua.trading.learn.Reweighting;
import io.perpetua.trading.lifecycle.GateConfig;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.orchestrator.Orchestrator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The order-flow learning loop's wiring (issue 17 item 6): the daily auto-evolution ({@code
 * flow_evolution} job, dry run unless {@code orchestrator.flow_evolution_apply}; {@code POST
 * /api/v1/flow/evolution/run}) and the walk-forward re-weighting ({@code flow_reweight} job: each
 * running factory strategy's recorded evaluations and labels; a release is a candidate version in
 * the flow strategies' own {@link LifecycleService}), over the flow runtime's service once it runs.
 * Decisions go to the audit log ({@link LearningAudit}). Thread-safe.
 */
final class FlowLearning {
  private static final long DAY = 86_400_000L;
  private static final int MAX_ROWS = 200_000;

  private final Supplier<FlowService> flow;
  private final boolean applyEvolution;
  private volatile Database database;
  private volatile GateConfig gates;
  private volatile LearningAudit audit;
  private FlowService builtFor;
  private Evolution evolution;
  private Reweighting reweighting;

  FlowLearning(Supplier<FlowService> flow, boolean applyEvolution) {
    this.flow = flow;
    this.applyEvolution = applyEvolution;
  }

  /** Opens the stores on {@code database}. */
  void open(Database database, Supplier<AuditLog> log, GateConfig gates) {
    this.gates = gates;
    this.audit = new LearningAudit(log);
    this.database = database;
  }

  void addRoutes(ApiServer server) {
    server.addRoutes(new FlowEvolutionRoutes(this::evolution));
  }

  /** The orchestrator's jobs by name. */
  Map<String, Orchestrator.Action> jobs() {
    Map<String, Orchestrator.Action> jobs = new LinkedHashMap<>();
    jobs.put("flow_evolution", now -> evolve());
    jobs.put("flow_reweight", this::reweight);
    return jobs;
  }

  /** The evolution, or null while the flow runtime or the database is not up. */
  synchronized Evolution evolution() {
    FlowService s = flow.get();
    Database db = database;
    if (s == null || db == null) {
      return null;
    }
    if (s != builtFor) {
      evolution =
          new Evolution(
              s,
              new JdbcEvolutionStore(db),
              EvolutionConfig.DEFAULTS,
              System::currentTimeMillis,
              audit);
      LifecycleService lifecycle =
          new LifecycleService(
              new FlowParameters(s), new JdbcLifecycleStore(db), gates, System::currentTimeMillis);
      reweighting =
          new Reweighting(lifecycle, s, ReweightConfig.DEFAULTS, System::currentTimeMillis, audit);
      builtFor = s;
    }
    return evolution;
  }

  private String evolve() {
    Evolution e = evolution();
    if (e == null) {
      throw new Orchestrator.Skipped("order-flow runtime not started yet");
    }
    EvolutionStore.Run run = e.run(!applyEvolution, LearningDecision.ACTOR);
    List<?> actions = (List<?>) run.report().get("actions");
    return run.id() + ": " + actions.size() + " decisions, created " + run.report().get("created");
  }

  private String reweight(long now) {
    if (evolution() == null) {
      throw new Orchestrator.Skipped("order-flow runtime not started yet");
    }
    Reweighting r;
    FlowService s;
    synchronized (this) {
      r = reweighting;
      s = builtFor;
    }
    FlowJournal journal = s.journal();
    List<LabelEvent> labels = journal.labels(MAX_ROWS);
    StringBuilder out = new StringBuilder();
    for (FactoryStrategyRow row : s.strategies()) {
      if (row.status() != StrategyStatus.RUNNING) {
        continue;
      }
      var evals =
          journal
              .evaluations(
                  new FlowJournal.EvaluationQuery(row.id(), null, now - 90 * DAY, now, 1, MAX_ROWS))
              .items();
      List<LabelledSignal> signals =
          LabelledSignal.join(evals, labels, row.definition().slAtrMultiplier());
      LifecycleState released = r.run(row.id().value(), signals, "reweight-" + now);
      out.append(row.id().value())
          .append(
              released == null ? ": no release; " : ": released " + released.candidateId() + "; ");
    }
    return out.isEmpty() ? "no running factory strategy" : out.toString().strip();
  }
}
