package io.perpetua.trading.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.lifecycle.LifecycleStore.Transition;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Versions, promotion, gates, approval and rollback of one strategy. */
class LifecycleServiceTest {
  static final GateConfig GATES = new GateConfig(0.10, 0.0, 0.10, 0.05, 5.0, 5, 5);
  static final double[] BACKTEST = {0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0, 0.002};
  static final double[] LIKE_BACKTEST = {0.004, -0.002, 0.003, 0.001, -0.001, 0.002};
  static final double[] CRASHING = {0.004, -0.08, -0.05, 0.001, -0.03, 0.002};

  final InMemoryRegistryStore registryStore = new InMemoryRegistryStore();
  final InMemoryLifecycleStore store = new InMemoryLifecycleStore();
  final AtomicLong now = new AtomicLong(1_772_452_740_000L);
  final List<LifecycleEvent> audited = new ArrayList<>();
  final StrategyRegistry registry = registry(registryStore);

  StrategyRegistry registry(InMemoryRegistryStore s) {
    return LifecycleFixtures.registry(s, now::get);
  }

  LifecycleService service(StrategyRegistry r, LifecycleStore s) {
    LifecycleService l = new LifecycleService(r, s, GATES, now::get);
    l.useListener(audited::add);
    return l;
  }

  /** A candidate with long_n 20 brought to canary by hand. */
  static String toCanary(LifecycleService l) {
    LifecycleState s =
        l.createCandidate(
            "baseline_rev",
            Map.of("long_n", 20),
            "optimiser run 7",
            "alice",
            "opt-7",
            Map.of("sharpe", 1.4, "dsr", 0.97));
    l.promote("baseline_rev", s.candidateId(), "shadow", "alice", "shadow it");
    l.promote("baseline_rev", s.candidateId(), "canary", "alice", "canary it");
    return s.candidateId();
  }

  @Test
  void firstUse_makesTheParametersInForceVersion1_stable() {
    LifecycleService l = service(registry, store);
    LifecycleState s = l.state("baseline_rev");
    assertThat(s.stableId()).isEqualTo("baseline_rev-v1");
    StrategyVersion v1 = l.versions("baseline_rev").get(0);
    assertThat(v1.parameters()).containsEntry("long_n", 30).containsEntry("rebalance_days", 1);
    assertThat(v1.configHash())
        .isEqualTo(ConfigHash.of(registry.view("baseline_rev").parameters()));
    assertThat(audited).extracting(LifecycleEvent::kind).containsExactly(LifecycleEvent.BOOTSTRAP);
  }

  @Test
  void candidate_isImmutableVersionWithParentHashAndOptimiserRun() {
    LifecycleService l = service(registry, store);
    String id = toCanary(l);
    StrategyVersion v = store.version(id).orElseThrow();
    assertThat(v.number()).isEqualTo(2);
    assertThat(v.parentId()).isEqualTo("baseline_rev-v1");
    assertThat(v.parameters()).containsEntry("long_n", 20).containsEntry("short_n", 30);
    assertThat(v.optimiserRunId()).isEqualTo("opt-7");
    assertThat(v.optimiserStats()).containsEntry("dsr", 0.97);
    assertThat(v.createdBy()).isEqualTo("alice");
    assertThat(l.running("baseline_rev"))
        .get()
        .extracting(RunningCandidate::capitalFraction)
        .isEqualTo(0.10);
    // the registry still trades the stable version
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }

  @Test
  void canaryBreachingAGate_isRolledBackAutomatically_withTheBreachRecorded() {
    LifecycleService l = service(registry, store);
    String id = toCanary(l);
    GateReport r = l.evaluate("baseline_rev", new CanaryEvidence(CRASHING, BACKTEST, 3.0, 2.0, 9));
    assertThat(r.outcome()).isEqualTo(GateReport.BREACH);
    LifecycleState s = l.state("baseline_rev");
    assertThat(s.candidateId()).isNull();
    assertThat(s.stableId()).isEqualTo("baseline_rev-v1");
    assertThat(l.running("baseline_rev")).isEmpty();
    LifecycleEvent last = audited.get(audited.size() - 1);
    assertThat(last.kind()).isEqualTo(LifecycleEvent.ROLLED_BACK);
    assertThat(last.versionId()).isEqualTo(id);
    assertThat(last.actor()).isEqualTo(LifecycleService.SYSTEM);
    assertThat(last.reason()).contains("max_drawdown");
    @SuppressWarnings("unchecked")
    Map<String, Object> gates = (Map<String, Object>) last.evidence().get("gates");
    assertThat(gates).containsEntry("outcome", "breach");
    assertThat(gates.get("breaches")).asString().contains("max_drawdown");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
    assertThat(store.events("baseline_rev")).isEqualTo(l.events("baseline_rev"));
  }

  @Test
  void canaryPassing_waitsForApproval_thenBecomesProd() {
    LifecycleService l = service(registry, store);
    AtomicReference<String> filed = new AtomicReference<>();
    l.useApproval(
        (strategy, version, who, why) -> {
          filed.set(version);
          return "apr_1";
        });
    String id = toCanary(l);
    // insufficient data: nothing decided
    double[] three = {0.001, 0.002, 0.001};
    assertThat(l.evaluate("baseline_rev", new CanaryEvidence(three, BACKTEST, 2, 2, 9)).outcome())
        .isEqualTo(GateReport.INSUFFICIENT);
    assertThatThrownBy(() -> l.promote("baseline_rev", id, "prod", "alice", "now"))
        .hasMessageContaining("has not passed");
    GateReport r =
        l.evaluate("baseline_rev", new CanaryEvidence(LIKE_BACKTEST, BACKTEST, 3.0, 2.0, 9));
    assertThat(r.outcome()).isEqualTo(GateReport.PASS);
    LifecycleState waiting = l.state("baseline_rev");
    assertThat(waiting.gatesPassed()).isTrue();
    assertThat(waiting.candidateStage()).isEqualTo(Stage.CANARY);
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    LifecycleState requested = l.promote("baseline_rev", id, "prod", "alice", "looks good");
    assertThat(requested.approvalId()).isEqualTo("apr_1");
    assertThat(filed.get()).isEqualTo(id);
    assertThat(requested.stableId()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    LifecycleState prod = l.approveProd("baseline_rev", id, "bob");
    assertThat(prod.stableId()).isEqualTo(id);
    assertThat(prod.previousStableId()).isEqualTo("baseline_rev-v1");
    assertThat(prod.candidateId()).isNull();
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 20);
    LifecycleEvent last = audited.get(audited.size() - 1);
    assertThat(last.kind()).isEqualTo(LifecycleEvent.PROD);
    assertThat(last.actor()).isEqualTo("bob");
    assertThat(last.evidence()).containsKey("gates").containsEntry("approval_id", "apr_1");

    // one action back to the previous stable version
    LifecycleState back = l.rollback("baseline_rev", "carol", "worse live", Map.of());
    assertThat(back.stableId()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }

  @Test
  void riskHitOnProd_rollsBackToThePreviousStable() {
    LifecycleService l = service(registry, store);
    String id = toCanary(l);
    l.evaluate("baseline_rev", new CanaryEvidence(LIKE_BACKTEST, BACKTEST, 3.0, 2.0, 9));
    l.promote("baseline_rev", id, "prod", "alice", "four-eyes off"); // no approval port: at once
    assertThat(l.state("baseline_rev").stableId()).isEqualTo(id);

    assertThat(l.onRiskHit("baseline_rev", "max_drawdown_halt", Map.of("drawdown", 0.31)))
        .get()
        .extracting(LifecycleState::stableId)
        .isEqualTo("baseline_rev-v1");
    LifecycleEvent last = audited.get(audited.size() - 1);
    assertThat(last.evidence())
        .containsEntry("risk_rule", "max_drawdown_halt")
        .containsEntry("drawdown", 0.31)
        .containsEntry("from", id);
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
    // nothing more to roll back to
    assertThat(l.onRiskHit("baseline_rev", "max_drawdown_halt", Map.of())).isEmpty();
  }

  @Test
  void badRequests_changeNothing() {
    LifecycleService l = service(registry, store);
    l.state("baseline_rev");
    int events = store.events("baseline_rev").size();
    assertThatThrownBy(
            () ->
                l.createCandidate(
                    "baseline_rev", Map.of("long_n", -1, "colour", 1), "r", "a", null, null))
        .isInstanceOf(LifecycleException.class)
        .hasMessageContaining("long_n")
        .hasMessageContaining("colour");
    assertThatThrownBy(
            () -> l.createCandidate("baseline_rev", Map.of("long_n", 30), "r", "a", null, null))
        .hasMessageContaining("equal the stable");
    assertThatThrownBy(() -> l.createCandidate("nope", Map.of("long_n", 3), "r", "a", null, null))
        .extracting(e -> ((LifecycleException) e).kind())
        .isEqualTo(LifecycleException.Kind.STRATEGY_NOT_FOUND);
    String id = toCanary(l);
    int after = store.events("baseline_rev").size();
    assertThatThrownBy(() -> l.promote("baseline_rev", id, "sideways", "a", "r"))
        .hasMessageContaining("'stage'");
    assertThatThrownBy(() -> l.promote("baseline_rev", id, "shadow", "a", "r"))
        .hasMessageContaining("next stage is prod");
    assertThatThrownBy(() -> l.promote("baseline_rev", "baseline_rev-v1", "prod", "a", "r"))
        .hasMessageContaining("not the candidate");
    assertThatThrownBy(() -> l.promote("baseline_rev", "baseline_rev-v9", "prod", "a", "r"))
        .extracting(e -> ((LifecycleException) e).kind())
        .isEqualTo(LifecycleException.Kind.VERSION_NOT_FOUND);
    assertThatThrownBy(
            () -> l.createCandidate("baseline_rev", Map.of("long_n", 5), "r", "a", null, null))
        .hasMessageContaining("already has candidate");
    assertThatThrownBy(() -> l.rollback("baseline_rev", "a", " ", Map.of()))
        .hasMessageContaining("'reason'");
    assertThat(store.events("baseline_rev")).hasSize(after);
    assertThat(after).isEqualTo(events + 3);
  }

  @Test
  void crashBetweenCommitAndRegistry_restartReconcilesToTheCommittedStable() {
    LifecycleService l = service(registry, store);
    String id = toCanary(l);
    l.evaluate("baseline_rev", new CanaryEvidence(LIKE_BACKTEST, BACKTEST, 3.0, 2.0, 9));
    // the listener runs after the commit and before the registry is told: crash there
    l.useListener(
        e -> {
          if (LifecycleEvent.PROD.equals(e.kind())) {
            throw new IllegalStateException("crash");
          }
        });
    assertThatThrownBy(() -> l.promote("baseline_rev", id, "prod", "alice", "go"))
        .hasMessage("crash");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    // restart: a new registry over the same registry store, a new service over the same store
    StrategyRegistry restarted = registry(registryStore);
    LifecycleService again = service(restarted, store);
    again.reconcile();
    assertThat(again.state("baseline_rev").stableId()).isEqualTo(id);
    assertThat(restarted.view("baseline_rev").parameters()).containsEntry("long_n", 20);
    again.reconcile(); // idempotent: nothing more filed
    assertThat(registryStore.changes("baseline_rev")).hasSize(1);
  }

  @Test
  void twoProcessesBootstrapping_theSecondReadsTheFirstsVersion1() {
    service(registry, store).reconcile(); // the first process
    java.util.concurrent.atomic.AtomicBoolean blind =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    LifecycleStore racing = new LifecycleStore() { // the second read before the first committed
          @Override
          public java.util.Optional<LifecycleState> state(String strategy) {
            return blind.getAndSet(false) ? java.util.Optional.empty() : store.state(strategy);
          }

          @Override
          public List<StrategyVersion> versions(String strategy) {
            return store.versions(strategy);
          }

          @Override
          public java.util.Optional<StrategyVersion> version(String id) {
            return store.version(id);
          }

          @Override
          public List<LifecycleEvent> events(String strategy) {
            return store.events(strategy);
          }

          @Override
          public void commit(Transition t) {
            store.commit(t);
          }
        };
    LifecycleService second = service(registry, racing);
    assertThat(second.state("baseline_rev")).isEqualTo(store.state("baseline_rev").orElseThrow());
    assertThat(store.events("baseline_rev")).hasSize(1);
  }
}
