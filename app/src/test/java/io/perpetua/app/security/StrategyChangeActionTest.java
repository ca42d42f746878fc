package io.perpetua.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.auth.approval.InMemoryApprovalStore;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strategy change requests through the platform's four-eyes mechanism. */
class StrategyChangeActionTest {
  private static final Principal ALICE = new Principal("alice", Role.TRADER, "user");
  private static final Principal BOB = new Principal("bob", Role.TRADER, "user");
  private static final Principal VIEWER = new Principal("vic", Role.VIEWER, "user");

  private final StrategyRegistry registry =
      new StrategyRegistry(
          "single",
          List.of(definition()),
          Set.of("baseline_rev"),
          new InMemoryRegistryStore(),
          () -> 1_772_495_700_000L);
  private final FourEyes fourEyes =
      new FourEyes(new InMemoryApprovalStore(), new InMemoryAuditLog(), () -> 1_772_495_700_000L)
          .register(new StrategyChangeAction(() -> registry));

  private static StrategyDefinition definition() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("features", List.of("zscore_neg_ret_2h"));
    p.put("long_n", 30);
    p.put("short_n", 30);
    return new StrategyDefinition(
        "baseline_rev",
        null,
        null,
        "default",
        "59 23 * * *",
        1,
        0,
        p,
        List.of("time_bar"),
        q ->
            new RankLongShortStrategy.Factory()
                .create(StrategyId.of("baseline_rev"), "default", q));
  }

  private ApprovalRequest file(String applyMode) {
    ConfigChange c =
        registry.submit("baseline_rev", Map.of("long_n", 20), "fewer", applyMode, "alice");
    ApprovalRequest r =
        fourEyes.request(
            ALICE, StrategyChangeAction.NAME, StrategyChangeAction.payload(c), "fewer", "req-1");
    registry.linkApproval(c.id(), r.id());
    return r;
  }

  @Test
  void secondPersonApproves_immediateChangeApplies_requesterAndViewerCannot() {
    ApprovalRequest r = file("immediate");
    assertThatThrownBy(() -> fourEyes.approve(ALICE, r.id(), "mine", "req-2"))
        .isInstanceOf(AuthException.class);
    assertThatThrownBy(() -> fourEyes.approve(VIEWER, r.id(), "look", "req-3"))
        .isInstanceOf(AuthException.class);
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    ApprovalRequest done = fourEyes.approve(BOB, r.id(), "checked", "req-4");

    assertThat(done.status()).isEqualTo("executed");
    assertThat(done.result()).contains("\"applied\"").contains("v2");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 20);
    assertThat(registry.history("baseline_rev").get(0).status()).isEqualTo("applied");
  }

  @Test
  void nextRebalanceChange_isApprovedButWaits() {
    ApprovalRequest r = file(null);
    fourEyes.approve(BOB, r.id(), "checked", "req-2");
    assertThat(registry.history("baseline_rev").get(0).status()).isEqualTo("approved");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }

  @Test
  void rejection_marksTheChangeRejected_nothingChanges() {
    ApprovalRequest r = file(null);
    registry.useApprovalStatus(id -> fourEyes.find(id).status());
    fourEyes.reject(BOB, r.id(), "no", "req-2");
    assertThat(registry.history("baseline_rev").get(0).status()).isEqualTo("rejected");
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }
}
