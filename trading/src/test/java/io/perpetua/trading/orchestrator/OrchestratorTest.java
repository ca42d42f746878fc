package io.perpetua.trading.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator's runs and records (in memory), the default plan and the event triggers. */
class OrchestratorTest {
  static final long T0 = Instant.parse("2026-01-01T00:00:30Z").toEpochMilli();
  static final long DAY = 86_400_000L;

  @Test
  void everyRunIsRecorded_done_failed_skipped_withWhatItDid() {
    InMemoryOrchestratorStore store = new InMemoryOrchestratorStore();
    List<JobDefinition> plan =
        List.of(
            new JobDefinition("ok", "* * * * *", ""),
            new JobDefinition("boom", "* * * * *", ""),
            new JobDefinition("later", "* * * * *", ""));
    Map<String, Orchestrator.Action> actions =
        Map.of(
            "ok", now -> "did it at " + now,
            "boom",
                now -> {
                  throw new IllegalStateException("venue down");
                },
            "later",
                now -> {
                  throw new Orchestrator.Skipped("single mode");
                });
    Orchestrator o = new Orchestrator(plan, actions, store, "i1");
    o.start(T0);
    assertThat(o.tick(T0)).isEmpty();
    o.tick(T0 + 30_000);
    Map<String, String> status = new java.util.HashMap<>();
    for (OrchestratorStore.Run r : store.runs(null, 10, Long.MAX_VALUE)) {
      status.put(r.job(), r.status() + " " + r.summary());
      assertThat(r.endedMs()).isEqualTo(T0 + 30_000);
      assertThat(r.trigger()).isEqualTo("schedule");
    }
    assertThat(status)
        .containsEntry("ok", "done did it at " + (T0 + 30_000))
        .containsEntry("boom", "failed IllegalStateException: venue down")
        .containsEntry("later", "skipped single mode");
    assertThat(o.recordEvent("event_triggers", "vol_spike", T0, "queued opt-1")).isPositive();
    assertThat(store.runs("event_triggers", 5, Long.MAX_VALUE).getFirst().trigger())
        .isEqualTo("vol_spike");
  }

  @Test
  void aRunLeftRunningByACrash_isAbandonedOnStart_andOldRunsArePruned() {
    InMemoryOrchestratorStore store = new InMemoryOrchestratorStore();
    List<JobDefinition> plan = List.of(new JobDefinition("ok", "* * * * *", ""));
    Orchestrator first = new Orchestrator(plan, Map.of("ok", now -> "ran"), store, "i1");
    first.start(T0);
    // the crash: claimed (running), never finished
    long crashed = store.claimDue(T0 + 30_000, "i1").getFirst().runId();
    Orchestrator second = new Orchestrator(plan, Map.of("ok", now -> "ran"), store, "i2");
    second.start(T0 + 90_000);
    OrchestratorStore.Run r = store.runs(null, 10, Long.MAX_VALUE).getFirst();
    assertThat(r.id()).isEqualTo(crashed);
    assertThat(r.status()).isEqualTo("abandoned");
    assertThat(r.endedMs()).isEqualTo(T0 + 90_000);
    assertThat(r.summary()).contains("still running when i2 started");
    // not retried, and a run claimed after the start is not touched by it
    second.tick(T0 + 120_000);
    assertThat(store.runs(null, 10, Long.MAX_VALUE))
        .extracting(OrchestratorStore.Run::status)
        .containsExactly("done", "abandoned");

    // retention: ended runs older than the configured days go, newer ones and running ones stay
    store.record("ok", "schedule", T0 + 20 * DAY, "i2", "done", "recent");
    store.claimDue(T0 + 3 * DAY, "i2"); // running, old
    assertThat(second.prune(T0 + 20 * DAY, 14)).isEqualTo("pruned 2 runs older than 14 days");
    assertThat(store.runs(null, 10, Long.MAX_VALUE))
        .extracting(OrchestratorStore.Run::summary)
        .containsExactly("", "recent");
  }

  @Test
  void defaultPlan_isSpec003Section9_andEveryJobNeedsAnAction() {
    assertThat(Orchestrator.defaultPlan())
        .extracting(JobDefinition::name, JobDefinition::cron)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("market_data_health", "* * * * *"),
            org.assertj.core.groups.Tuple.tuple("risk_heartbeat", "* * * * *"),
            org.assertj.core.groups.Tuple.tuple("equity_snapshot", "* * * * *"),
            org.assertj.core.groups.Tuple.tuple("bandit_rebalance", "*/5 * * * *"),
            org.assertj.core.groups.Tuple.tuple("event_triggers", "*/5 * * * *"),
            org.assertj.core.groups.Tuple.tuple("hot_coin_scan", "0 * * * *"),
            org.assertj.core.groups.Tuple.tuple("walk_forward", "10 0 * * *"),
            org.assertj.core.groups.Tuple.tuple("prune_runs", "30 0 * * *"),
            org.assertj.core.groups.Tuple.tuple("reoptimisation_results", "*/5 * * * *"),
            org.assertj.core.groups.Tuple.tuple("flow_evolution", "20 0 * * *"),
            org.assertj.core.groups.Tuple.tuple("flow_reweight", "40 0 * * *"));
    assertThat(new JobDefinition("walk_forward", "10 0 * * *", "").next(T0))
        .isEqualTo(Instant.parse("2026-01-01T00:10:00Z").toEpochMilli());
    assertThatThrownBy(
            () ->
                new Orchestrator(
                    Orchestrator.defaultPlan(), Map.of(), new InMemoryOrchestratorStore(), "x"))
        .hasMessageContaining("has no action");
    assertThatThrownBy(() -> new JobDefinition("bad", "61 * * * *", ""))
        .hasMessageContaining("orchestrator.jobs.bad.cron");
  }

  @Test
  void eventTriggers_sharpe_mdd_noNewHigh_quantile_volSpike_risk() {
    EventTriggers t = EventTriggers.defaults();
    double[] rising = new double[40];
    for (int i = 0; i < rising.length; i++) {
      rising[i] = 100 * Math.pow(1.01, i) * (i % 2 == 0 ? 1.0 : 0.999);
    }
    assertThat(t.evaluate("up", rising, T0)).isEmpty();

    double[] crash = rising.clone();
    for (int i = 30; i < crash.length; i++) {
      crash[i] = crash[i - 1] * (1 - 0.01 * (i - 29)); // accelerating: the last week is the worst
    }
    List<String> fired =
        t.evaluate("down", crash, T0).stream().map(OptimiserTask::trigger).toList();
    assertThat(fired).contains("mdd_above", "return_quantile_below").doesNotContain("no_new_high");

    double[] flat = new double[45];
    java.util.Arrays.fill(flat, 99.5);
    java.util.Arrays.fill(flat, 0, 5, 100);
    flat[5] = 101; // the high, then 39 days below it: a small loss, no new high
    List<OptimiserTask> stale = t.evaluate("flat", flat, T0);
    assertThat(stale).extracting(OptimiserTask::trigger).contains("no_new_high", "sharpe_below");
    OptimiserTask task = stale.getFirst();
    assertThat(task.trainDays()).isEqualTo(180);
    assertThat(task.validateDays()).isEqualTo(30);
    assertThat(task.objective()).isEqualTo("calmar");
    assertThat(task.constraints()).containsEntry("max_drawdown", 0.25);

    assertThat(t.evaluateGlobal(List.of("a", "b"), 2.5, 0.9, T0))
        .extracting(OptimiserTask::strategy, OptimiserTask::trigger)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "vol_spike"),
            org.assertj.core.groups.Tuple.tuple("a", "risk_threshold"),
            org.assertj.core.groups.Tuple.tuple("b", "vol_spike"),
            org.assertj.core.groups.Tuple.tuple("b", "risk_threshold"));
    assertThat(t.evaluateGlobal(List.of("a"), 1.5, 0.5, T0)).isEmpty();
    assertThat(t.evaluateGlobal(List.of("a"), Double.NaN, 0.5, T0)).isEmpty();
  }
}
