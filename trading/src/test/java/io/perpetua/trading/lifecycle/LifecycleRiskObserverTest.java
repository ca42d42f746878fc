package io.perpetua.trading.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.RiskEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Risk hits roll back the active strategies' lifecycles, once per incident. */
class LifecycleRiskObserverTest {
  private final StrategyRegistry registry =
      LifecycleFixtures.registry(new InMemoryRegistryStore(), () -> 1_772_452_740_000L);
  private final LifecycleService lifecycle =
      new LifecycleService(
          registry,
          new InMemoryLifecycleStore(),
          LifecycleServiceTest.GATES,
          () -> 1_772_452_740_000L);
  private final LifecycleRiskObserver observer =
      new LifecycleRiskObserver(() -> lifecycle, () -> registry);

  private String prodV2() {
    String id = LifecycleServiceTest.toCanary(lifecycle);
    lifecycle.evaluate(
        "baseline_rev",
        new CanaryEvidence(
            LifecycleServiceTest.LIKE_BACKTEST, LifecycleServiceTest.BACKTEST, 3.0, 2.0, 9));
    lifecycle.promote("baseline_rev", id, "prod", "alice", "go");
    return id;
  }

  @Test
  void breakerTrip_dropsTheCanaryCandidate_withTheRiskEventAsEvidence() {
    String id = LifecycleServiceTest.toCanary(lifecycle);
    observer.eventRecorded(
        new RiskEvent(1L, "breaker_tripped", "max_drawdown_halt", null, "drawdown 31%"));
    LifecycleState s = lifecycle.state("baseline_rev");
    assertThat(s.candidateId()).isNull();
    LifecycleEvent last = lifecycle.events("baseline_rev").get((int) s.revision() - 1);
    assertThat(last.kind()).isEqualTo(LifecycleEvent.ROLLED_BACK);
    assertThat(last.versionId()).isEqualTo(id);
    assertThat(last.evidence())
        .containsEntry("risk_rule", "max_drawdown_halt")
        .containsEntry("risk_event", "breaker_tripped")
        .containsEntry("detail", "drawdown 31%");
  }

  @Test
  void oneIncident_oneRollback_andOtherKindsAreNoHits() {
    String v2 = prodV2();
    observer.eventRecorded(new RiskEvent(1L, "resumed", null, null, "operator"));
    observer.eventRecorded(new RiskEvent(1L, "venue_recovered", "venue", null, "ok"));
    assertThat(lifecycle.state("baseline_rev").stableId()).isEqualTo(v2);

    observer.eventRecorded(new RiskEvent(2L, "rebalance_blocked", "max_drawdown_halt", null, "x"));
    assertThat(lifecycle.state("baseline_rev").stableId()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
    int events = lifecycle.events("baseline_rev").size();
    observer.eventRecorded(new RiskEvent(3L, "rebalance_blocked", "max_drawdown_halt", null, "x"));
    assertThat(lifecycle.events("baseline_rev")).hasSize(events);
    assertThat(lifecycle.onRiskHit("baseline_rev", "again", Map.of())).isEmpty();
  }
}
