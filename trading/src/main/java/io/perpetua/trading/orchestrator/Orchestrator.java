package io.perpetua.trading.orchestrator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The orchestrator (spec 003 §9): a persistent cron plan whose due jobs are claimed through the
 * {@link OrchestratorStore} (once, however many instances poll one database) and run here, each run
 * recorded with its trigger and what it did. {@link #tick(long)} is called by the platform's
 * scheduler (and directly by tests with any clock). Thread-safe (one tick at a time).
 */
public final class Orchestrator {
  /** What a job does; returns a one-line summary of what it did. */
  @FunctionalInterface
  public interface Action {
    /** Runs the job at {@code nowMs}. */
    String run(long nowMs) throws Exception;
  }

  /** A job that did not apply (e.g. single mode for the bandit): recorded as {@code skipped}. */
  public static final class Skipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Skipped because {@code why}. */
    public Skipped(String why) {
      super(why);
    }
  }

  private final List<JobDefinition> plan;
  private final Map<String, Action> actions;
  private final OrchestratorStore store;
  private final String instance;

  /**
   * An orchestrator running {@code plan} with {@code actions} (one per job) over {@code store} as
   * {@code instance}.
   */
  public Orchestrator(
      List<JobDefinition> plan,
      Map<String, Action> actions,
      OrchestratorStore store,
      String instance) {
    this.plan = List.copyOf(plan);
    this.actions = new LinkedHashMap<>(actions);
    this.store = Objects.requireNonNull(store, "store");
    this.instance = Objects.requireNonNull(instance, "instance");
    for (JobDefinition d : plan) {
      if (!actions.containsKey(d.name())) {
        throw new IllegalArgumentException("orchestrator job " + d.name() + " has no action");
      }
    }
  }

  /**
   * Stores the plan (jobs due while the platform was down stay due: the next tick runs them once)
   * and marks the runs a crash left {@code running} (started before {@code nowMs}) {@code
   * abandoned}: they are not retried (at most once).
   */
  public void start(long nowMs) {
    store.register(plan, nowMs);
    store.abandon(nowMs, "abandoned: still running when " + instance + " started", nowMs);
  }

  /**
   * Deletes the ended runs that started more than {@code retentionDays} days before {@code nowMs}.
   */
  public String prune(long nowMs, int retentionDays) {
    int n = store.prune(nowMs - retentionDays * 86_400_000L);
    return "pruned " + n + " runs older than " + retentionDays + " days";
  }

  /** Claims and runs every job due at {@code nowMs}; returns the runs' final records. */
  public synchronized List<OrchestratorStore.Run> tick(long nowMs) {
    List<OrchestratorStore.Run> out = new ArrayList<>();
    for (OrchestratorStore.Claim c : store.claimDue(nowMs, instance)) {
      String status = "done";
      String summary;
      try {
        summary = actions.get(c.job()).run(nowMs);
      } catch (Skipped e) {
        status = "skipped";
        summary = e.getMessage();
      } catch (Exception e) {
        status = "failed";
        summary = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      store.finish(c.runId(), status, summary, nowMs);
      out.add(
          new OrchestratorStore.Run(
              c.runId(),
              c.job(),
              OrchestratorStore.trigger(c.scheduledForMs(), nowMs),
              c.scheduledForMs(),
              nowMs,
              nowMs,
              status,
              summary,
              instance));
    }
    return out;
  }

  /** Records an event-triggered action (e.g. a queued optimisation) as a run of {@code job}. */
  public long recordEvent(String job, String trigger, long nowMs, String summary) {
    return store.record(job, trigger, nowMs, instance, "done", summary);
  }

  /** The plan. */
  public List<JobDefinition> plan() {
    return plan;
  }

  /** The store. */
  public OrchestratorStore store() {
    return store;
  }

  /**
   * The cron plan of spec 003 §9: every minute market-data health, risk heartbeat and equity
   * snapshot; every 5 minutes bandit scoring with the capital rebalance, and the event triggers;
   * hourly the hot-coin scan; daily at 00:10 UTC the walk-forward re-optimisation; daily at 00:30
   * UTC the retention of the run log; every 5 minutes finished re-optimisations become candidates.
   */
  public static List<JobDefinition> defaultPlan() {
    return List.of(
        new JobDefinition("market_data_health", "* * * * *", "market-data health check"),
        new JobDefinition("risk_heartbeat", "* * * * *", "risk engine heartbeat"),
        new JobDefinition("equity_snapshot", "* * * * *", "account equity snapshot"),
        new JobDefinition(
            "bandit_rebalance", "*/5 * * * *", "bandit scoring and capital rebalance"),
        new JobDefinition("event_triggers", "*/5 * * * *", "performance and risk triggers"),
        new JobDefinition("hot_coin_scan", "0 * * * *", "hot-coin scan"),
        new JobDefinition("walk_forward", "10 0 * * *", "daily walk-forward re-optimisation"),
        new JobDefinition("prune_runs", "30 0 * * *", "orchestrator run retention"),
        new JobDefinition(
            "reoptimisation_results",
            "*/5 * * * *",
            "finished re-optimisations: out-of-sample pass → shadow candidate"),
        new JobDefinition(
            "flow_evolution",
            "20 0 * * *",
            "order-flow auto-evolution (dry run unless orchestrator.flow_evolution_apply)"),
        new JobDefinition(
            "flow_reweight",
            "40 0 * * *",
            "order-flow walk-forward re-weighting: out-of-sample pass → candidate version"));
  }
}
