package io.perpetua.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.auth.approval.InMemoryApprovalStore;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.trading.lifecycle.CanaryEvidence;
import io.perpetua.trading.lifecycle.GateConfig;
import io.perpetua.trading.lifecycle.InMemoryLifecycleStore;
import io.perpetua.trading.lifecycle.LifecycleFixtures;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A candidate's move to prod through the four-eyes mechanism, and its audit trail. */
class StrategyPromotionActionTest {
  private static final long NOW = 1_772_495_700_000L;
  private static final Principal ALICE = new Principal("alice", Role.TRADER, "user");
  private static final Principal BOB = new Principal("bob", Role.TRADER, "user");
  private static final Principal VIEWER = new Principal("vic", Role.VIEWER, "user");

  private final StrategyRegistry registry =
      LifecycleFixtures.registry(new InMemoryRegistryStore(), () -> NOW);
  private final LifecycleService lifecycle =
      new LifecycleService(
          registry,
          new InMemoryLifecycleStore(),
          new GateConfig(0.10, 0.0, 0.10, 0.05, 5.0, 5, 5),
          () -> NOW);
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final FourEyes fourEyes =
      new FourEyes(new InMemoryApprovalStore(), audit, () -> NOW)
          .register(new StrategyPromotionAction(() -> lifecycle));

  private String passedCanary() {
    lifecycle.useListener(new LifecycleAudit(audit));
    String id =
        lifecycle
            .createCandidate("baseline_rev", Map.of("long_n", 20), "opt", "alice", "opt-1", null)
            .candidateId();
    lifecycle.promote("baseline_rev", id, "shadow", "alice", "shadow");
    lifecycle.promote("baseline_rev", id, "canary", "alice", "canary");
    double[] backtest = {0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0, 0.002};
    double[] live = {0.004, -0.002, 0.003, 0.001, -0.001, 0.002};
    lifecycle.evaluate("baseline_rev", new CanaryEvidence(live, backtest, 3.0, 2.0, 9));
    return id;
  }

  private String requestProd(String id) {
    lifecycle.promote(
        "baseline_rev",
        id,
        "prod",
        "alice",
        "ready",
        (s, v, who, why) ->
            fourEyes
                .request(
                    ALICE,
                    StrategyPromotionAction.NAME,
                    StrategyPromotionAction.payload(s, v),
                    why,
                    "req-1")
                .id());
    return lifecycle.state("baseline_rev").approvalId();
  }

  @Test
  void secondPersonApproves_candidateBecomesProd_requesterAndViewerCannot() {
    String id = passedCanary();
    String approval = requestProd(id);
    assertThat(approval).startsWith("apr_");
    assertThatThrownBy(() -> fourEyes.approve(ALICE, approval, "mine", "req-2"))
        .isInstanceOf(AuthException.class);
    assertThatThrownBy(() -> fourEyes.approve(VIEWER, approval, "look", "req-3"))
        .isInstanceOf(AuthException.class);
    assertThat(lifecycle.state("baseline_rev").stableId()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    ApprovalRequest done = fourEyes.approve(BOB, approval, "checked the gates", "req-4");
    assertThat(done.status()).isEqualTo(ApprovalRequest.EXECUTED);
    assertThat(lifecycle.state("baseline_rev").stableId()).isEqualTo(id);
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 20);

    List<AuditEntry> entries = new ArrayList<>();
    audit.scan(entries::add);
    List<String> actions = entries.stream().map(e -> e.event().action()).toList();
    assertThat(actions)
        .containsSubsequence(
            "strategy.lifecycle.candidate.created",
            "strategy.lifecycle.candidate.promoted",
            "strategy.lifecycle.candidate.promoted",
            "strategy.lifecycle.candidate.gates_passed",
            "approval.request:strategy.version.promote",
            "strategy.lifecycle.candidate.approval_requested",
            "strategy.lifecycle.stable.promoted",
            "approval.approve:strategy.version.promote");
    AuditEntry prod =
        entries.stream()
            .filter(e -> e.event().action().equals("strategy.lifecycle.stable.promoted"))
            .findFirst()
            .orElseThrow();
    assertThat(prod.event().actor()).isEqualTo("bob");
    assertThat(prod.event().after()).contains("ks_p_value").contains("annualised_return");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void approvalAfterARollback_fails_andChangesNothing() {
    String id = passedCanary();
    String approval = requestProd(id);
    lifecycle.rollback("baseline_rev", "carol", "changed my mind", Map.of());
    ApprovalRequest done = fourEyes.approve(BOB, approval, "late", "req-5");
    assertThat(done.status()).isEqualTo(ApprovalRequest.FAILED);
    assertThat(lifecycle.state("baseline_rev").stableId()).isEqualTo("baseline_rev-v1");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }

  @Test
  void requestForACandidateWithoutPassedGates_isRefused() {
    lifecycle.createCandidate("baseline_rev", Map.of("long_n", 20), "opt", "alice", null, null);
    assertThatThrownBy(
            () ->
                fourEyes.request(
                    ALICE,
                    StrategyPromotionAction.NAME,
                    StrategyPromotionAction.payload("baseline_rev", "baseline_rev-v2"),
                    "now",
                    "req-6"))
        .isInstanceOf(AuthException.class)
        .hasMessageContaining("gates");
  }
}
