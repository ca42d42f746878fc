package io.perpetua.trading.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A finished re-optimisation becomes a shadow candidate only after its out-of-sample pass. */
class ReoptimisationsTest {
  final AtomicLong now = new AtomicLong(1_772_452_740_000L);
  final StrategyRegistry registry =
      LifecycleFixtures.registry(new InMemoryRegistryStore(), now::get);
  final LifecycleService lifecycle =
      new LifecycleService(registry, new InMemoryLifecycleStore(), GateConfig.DEFAULTS, now::get);
  final Reoptimisations reopt = new Reoptimisations(lifecycle, Reoptimisations.OosGate.DEFAULTS);

  static Reoptimisations.Finished run(String id, double dsr, double pbo, double sharpe) {
    return new Reoptimisations.Finished(
        id, "baseline_rev", Map.of("long_n", 20, "short_n", 10), dsr, pbo, sharpe);
  }

  @Test
  void anOutOfSamplePass_becomesAShadowCandidate_fromItsBestParameters() {
    Reoptimisations.Outcome o = reopt.consider(run("opt_a", 0.97, 0.2, 1.1));
    assertThat(o.versionId()).isEqualTo("baseline_rev-v2");
    assertThat(o.summary())
        .isEqualTo(
            "opt_a: candidate baseline_rev-v2 in shadow (DSR 0.970, PBO 0.200, OOS Sharpe 1.100)");
    LifecycleState s = lifecycle.state("baseline_rev");
    assertThat(s.candidateId()).isEqualTo("baseline_rev-v2");
    assertThat(s.candidateStage()).isEqualTo(Stage.SHADOW);
    StrategyVersion v = lifecycle.versions("baseline_rev").get(1);
    assertThat(v.parentId()).isEqualTo("baseline_rev-v1");
    assertThat(v.optimiserRunId()).isEqualTo("opt_a");
    assertThat(v.optimiserStats()).containsEntry("dsr", 0.97).containsEntry("pbo", 0.2);
    assertThat(v.parameters()).containsEntry("long_n", 20).containsEntry("short_n", 10);
    assertThat(v.createdBy()).isEqualTo(Reoptimisations.ACTOR);
    assertThat(reopt.hasVersionFrom("baseline_rev", "opt_a")).isTrue();
    // the kernel now runs it beside the stable version
    assertThat(lifecycle.running("baseline_rev")).isPresent();
    // a second pass while it is the candidate creates nothing, and says so
    assertThat(reopt.consider(run("opt_b", 0.99, 0.1, 2.0)).summary())
        .startsWith("opt_b: no candidate: Strategy baseline_rev already has candidate");
  }

  @Test
  void aFailedOutOfSample_createsNothing_andSaysWhy() {
    Reoptimisations.Outcome o = reopt.consider(run("opt_c", 0.62, 0.8, -0.2));
    assertThat(o.versionId()).isNull();
    assertThat(o.summary())
        .isEqualTo(
            "opt_c: out-of-sample gate failed (DSR 0.620 < 0.95; PBO 0.800 > 0.5; OOS Sharpe -0.200"
                + " < 0.0); no candidate");
    assertThat(lifecycle.versions("baseline_rev")).hasSize(1);
    assertThat(lifecycle.state("baseline_rev").candidateId()).isNull();
    // an unmeasured statistic is no pass
    assertThat(reopt.consider(run("opt_d", Double.NaN, 0.1, 1.0)).summary())
        .contains("DSR not measured < 0.95");
    // parameters the strategy refuses: no candidate, the reason named
    Reoptimisations.Finished bad =
        new Reoptimisations.Finished("opt_e", "baseline_rev", Map.of("long_n", -3), 0.99, 0.1, 1);
    assertThat(reopt.consider(bad).summary())
        .startsWith("opt_e: no candidate: ")
        .contains("long_n");
    assertThat(lifecycle.versions("baseline_rev")).hasSize(1);
    assertThatThrownBy(() -> new Reoptimisations.OosGate(1.5, 0.5, 0))
        .hasMessageContaining("lifecycle.reopt_min_dsr");
  }
}
