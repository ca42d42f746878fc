package io.perpetua.trading.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {
  private final InMemoryRegistryStore store = new InMemoryRegistryStore();
  private final AtomicLong now = new AtomicLong(1_772_452_740_000L); // 2026-03-02T11:59:00Z

  static StrategyDefinition rank(String name, double weight) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"));
    params.put("long_n", 30);
    params.put("short_n", 30);
    return new StrategyDefinition(
        name,
        name,
        "",
        "default",
        "59 23 * * *",
        1,
        weight,
        params,
        List.of("time_bar"),
        p -> new RankLongShortStrategy.Factory().create(StrategyId.of(name), "default", p));
  }

  private StrategyRegistry registry(String mode, Set<String> active) {
    return new StrategyRegistry(
        mode, List.of(rank("baseline_rev", 0.5), rank("ofi_14d", 0.5)), active, store, now::get);
  }

  @Test
  void submit_unknownAndOutOfRangeParameters_areAllNamed_andNothingIsStored() {
    StrategyRegistry r = registry("single", Set.of("baseline_rev"));
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("long_n", -3);
    bad.put("colour", "blue");
    bad.put("rebalance_days", 1.5);

    assertThatThrownBy(() -> r.submit("baseline_rev", bad, "why", null, "alice"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("long_n")
        .hasMessageContaining("colour")
        .hasMessageContaining("rebalance_days")
        .extracting(e -> ((RegistryException) e).kind())
        .isEqualTo(RegistryException.Kind.INVALID);
    assertThat(store.changes("baseline_rev")).isEmpty();
    assertThat(r.view("baseline_rev").parameters()).containsEntry("long_n", 30);
  }

  @Test
  void unknownStrategy_isNotFound() {
    StrategyRegistry r = registry("single", Set.of("baseline_rev"));
    assertThatThrownBy(() -> r.toggle("nope", "activate", "x", "alice"))
        .extracting(e -> ((RegistryException) e).kind())
        .isEqualTo(RegistryException.Kind.NOT_FOUND);
    assertThatThrownBy(() -> r.submit("nope", Map.of("long_n", 2), "x", null, "alice"))
        .extracting(e -> ((RegistryException) e).kind())
        .isEqualTo(RegistryException.Kind.NOT_FOUND);
  }

  @Test
  void immediateChange_appliesWhenApproved_versionsCount_historyNewestFirst() {
    StrategyRegistry r = registry("single", Set.of("baseline_rev"));
    ConfigChange first =
        r.submit("baseline_rev", Map.of("long_n", 20, "short_n", 20), "smaller", "immediate", "al");
    assertThat(first.id()).isEqualTo("cr-20260302-001");
    assertThat(first.changes().get("short_n")).isEqualTo(new ParameterChange(30, 20));
    assertThat(r.view("baseline_rev").parameters()).containsEntry("long_n", 30);

    ConfigChange applied = r.approve(first.id(), "bob");
    assertThat(applied.status()).isEqualTo("applied");
    assertThat(applied.version()).isEqualTo("v2");
    assertThat(r.view("baseline_rev").parameters()).containsEntry("long_n", 20);

    ConfigChange second =
        r.submit("baseline_rev", Map.of("rebalance_days", 3), "slower", null, "al");
    assertThat(second.id()).isEqualTo("cr-20260302-002");
    assertThat(second.changes().get("rebalance_days")).isEqualTo(new ParameterChange(1, 3));
    r.reject(second.id(), "bob");
    assertThat(r.history("baseline_rev"))
        .extracting(ConfigChange::id, ConfigChange::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(second.id(), "rejected"),
            org.assertj.core.groups.Tuple.tuple(first.id(), "applied"));
    assertThat(r.rebalanceDays("baseline_rev")).isEqualTo(1);
    assertThatThrownBy(() -> r.approve(second.id(), "carol"))
        .extracting(e -> ((RegistryException) e).kind())
        .isEqualTo(RegistryException.Kind.CONFLICT);
  }

  @Test
  void fourEyesRejection_marksTheChangeRejected() {
    StrategyRegistry r = registry("single", Set.of("baseline_rev"));
    ConfigChange c = r.submit("baseline_rev", Map.of("long_n", 10), "x", null, "alice");
    r.linkApproval(c.id(), "apr_1");
    r.useApprovalStatus(id -> id.equals("apr_1") ? "rejected" : null);
    assertThat(r.history("baseline_rev").get(0).status()).isEqualTo("rejected");
    assertThat(r.open()).isEmpty();
  }

  @Test
  void singleMode_allowsOneActiveStrategy() {
    StrategyRegistry r = registry("single", Set.of("baseline_rev"));
    assertThatThrownBy(() -> r.toggle("ofi_14d", "activate", "try", "alice"))
        .extracting(e -> ((RegistryException) e).kind())
        .isEqualTo(RegistryException.Kind.CONFLICT);
    r.toggle("baseline_rev", "deactivate", "switch", "alice");
    StatusChange on = r.toggle("ofi_14d", "activate", "switch", "alice");
    assertThat(on.previousStatus()).isEqualTo("inactive");
    assertThat(on.newStatus()).isEqualTo("active");
    assertThat(r.activeNames()).containsExactly("ofi_14d");
  }

  @Test
  void restart_replaysStatusAndAppliedChanges_andKeepsApprovedOnesPending() {
    StrategyRegistry r = registry("ensemble", Set.of("baseline_rev", "ofi_14d"));
    r.toggle("ofi_14d", "deactivate", "pause", "alice");
    r.approve(r.submit("baseline_rev", Map.of("long_n", 10), "a", "immediate", "al").id(), "bob");
    ConfigChange waiting = r.submit("baseline_rev", Map.of("short_n", 12), "b", null, "al");
    r.approve(waiting.id(), "bob");

    StrategyRegistry again = registry("ensemble", Set.of("baseline_rev", "ofi_14d"));

    assertThat(again.view("ofi_14d").status()).isEqualTo("inactive");
    assertThat(again.view("baseline_rev").parameters())
        .containsEntry("long_n", 10)
        .containsEntry("short_n", 30);
    assertThat(again.view("baseline_rev").configVersion()).isEqualTo("v2");
    assertThat(again.view("baseline_rev").ensembleWeight()).isEqualTo(0.5);
    again.beginDecision("baseline_rev", 5L);
    assertThat(again.view("baseline_rev").parameters()).containsEntry("short_n", 12);
    assertThat(again.history("baseline_rev").get(0).appliedAtMs()).isEqualTo(5L);
  }

  @Test
  void toggle_requiresAKnownActionAndAReason() {
    StrategyRegistry r = registry("ensemble", Set.of("baseline_rev"));
    assertThatThrownBy(() -> r.toggle("ofi_14d", "start", "x", "alice"))
        .hasMessageContaining("action");
    assertThatThrownBy(() -> r.toggle("ofi_14d", "activate", " ", "alice"))
        .hasMessageContaining("reason");
    assertThat(store.statusChanges()).isEmpty();
  }
}
