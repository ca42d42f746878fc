package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.ParameterChange;
import io.perpetua.trading.registry.RegistryStore;
import io.perpetua.trading.registry.SignalCoverage;
import io.perpetua.trading.registry.StatusChange;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every strategy {@link RegistryStore} must do, including surviving a restart. */
public abstract class RegistryStoreContract {
  private static final long T0 = 1_772_495_700_000L;

  /** An empty store. */
  protected abstract RegistryStore freshStore() throws Exception;

  /** The same store as after a process restart. */
  protected abstract RegistryStore reopen() throws Exception;

  private static ConfigChange change(String id, String strategy, String status, long at) {
    Map<String, ParameterChange> changes = new LinkedHashMap<>();
    changes.put("long_n", new ParameterChange(30, 20));
    changes.put("features", new ParameterChange(null, List.of("zscore_neg_ret_2h")));
    changes.put("gross_exposure", new ParameterChange(1.0, 0.5));
    return new ConfigChange(
        id,
        strategy,
        changes,
        "smaller",
        "next_rebalance",
        status,
        "alice",
        at,
        null,
        null,
        null,
        null);
  }

  @Test
  void changes_roundTripTheirValues_upsertById_orderedPerStrategy() throws Exception {
    RegistryStore store = freshStore();
    store.saveChange(change("cr-20260302-002", "baseline_rev", "pending_review", T0 + 5));
    store.saveChange(change("cr-20260302-001", "baseline_rev", "pending_review", T0));
    store.saveChange(change("cr-20260302-003", "ofi_14d", "pending_review", T0 + 1));
    store.saveChange(
        change("cr-20260302-001", "baseline_rev", "pending_review", T0)
            .withApproval("apr_1")
            .with("applied", "bob", "v2", T0 + 9));

    RegistryStore again = reopen();
    List<ConfigChange> base = again.changes("baseline_rev");
    assertThat(base)
        .extracting(ConfigChange::id)
        .containsExactly("cr-20260302-001", "cr-20260302-002");
    ConfigChange applied = base.get(0);
    assertThat(applied.status()).isEqualTo("applied");
    assertThat(applied.approvalId()).isEqualTo("apr_1");
    assertThat(applied.decidedBy()).isEqualTo("bob");
    assertThat(applied.version()).isEqualTo("v2");
    assertThat(applied.appliedAtMs()).isEqualTo(T0 + 9);
    assertThat(applied.changes()).containsExactlyEntriesOf(change("x", "y", "z", 0).changes());
    assertThat(base.get(1).appliedAtMs()).isNull();
    assertThat(again.change("cr-20260302-003").orElseThrow().strategy()).isEqualTo("ofi_14d");
    assertThat(again.change("cr-none")).isEmpty();
  }

  @Test
  void statusChanges_coverage_andNav_surviveARestart() throws Exception {
    RegistryStore store = freshStore();
    store.appendStatus(new StatusChange("ofi_14d", "inactive", "active", "go", "alice", T0));
    store.appendStatus(new StatusChange("ofi_14d", "active", "inactive", "stop", "bob", T0 + 1));
    store.appendCoverage(
        new SignalCoverage("baseline_rev", T0, 100, 98, List.of("A/USDT:USDT", "B/USDT:USDT")));
    store.appendCoverage(new SignalCoverage("ofi_14d", T0 + 10, 50, 50, List.of()));
    store.appendCoverage(new SignalCoverage("ofi_14d", T0 + 20, 50, 49, List.of("C/USDT:USDT")));
    store.saveNav("baseline_rev", new NavPoint(T0, 10_000));
    store.saveNav("baseline_rev", new NavPoint(T0 + 86_400_000L, 10_100));
    store.saveNav("baseline_rev", new NavPoint(T0 + 86_400_000L, 10_150.5));
    store.saveNav("ofi_14d", new NavPoint(T0, 5_000));

    RegistryStore again = reopen();
    assertThat(again.statusChanges())
        .extracting(StatusChange::newStatus)
        .containsExactly("active", "inactive");
    assertThat(again.statusChanges().get(1).by()).isEqualTo("bob");
    assertThat(again.coverage(T0, T0 + 20))
        .containsExactly(
            new SignalCoverage("baseline_rev", T0, 100, 98, List.of("A/USDT:USDT", "B/USDT:USDT")),
            new SignalCoverage("ofi_14d", T0 + 10, 50, 50, List.of()));
    assertThat(again.navs("baseline_rev", T0 + 1))
        .containsExactly(new NavPoint(T0 + 86_400_000L, 10_150.5));
    assertThat(again.navs("baseline_rev", Long.MIN_VALUE)).hasSize(2);
  }

  /** The registry over this store: a restart keeps toggles, versions and approved changes. */
  @Test
  void registry_replaysFromTheStoreAfterARestart() throws Exception {
    RegistryStore store = freshStore();
    StrategyRegistry r = registry(store);
    r.toggle("ofi_14d", "deactivate", "pause", "alice");
    r.approve(r.submit("baseline_rev", Map.of("long_n", 10), "a", "immediate", "al").id(), "bob");
    ConfigChange waiting = r.submit("baseline_rev", Map.of("short_n", 12), "b", null, "al");
    r.approve(waiting.id(), "bob");

    StrategyRegistry again = registry(reopen());

    assertThat(again.view("ofi_14d").status()).isEqualTo("inactive");
    assertThat(again.view("baseline_rev").parameters()).containsEntry("long_n", 10);
    assertThat(again.view("baseline_rev").configVersion()).isEqualTo("v2");
    assertThat(again.history("baseline_rev").get(0).status()).isEqualTo("approved");
    again.beginDecision("baseline_rev", T0);
    assertThat(again.view("baseline_rev").parameters()).containsEntry("short_n", 12);
    assertThat(again.view("baseline_rev").configVersion()).isEqualTo("v3");
  }

  private static StrategyRegistry registry(RegistryStore store) {
    return new StrategyRegistry(
        "ensemble",
        List.of(definition("baseline_rev"), definition("ofi_14d")),
        Set.of("baseline_rev", "ofi_14d"),
        store,
        () -> T0);
  }

  private static StrategyDefinition definition(String name) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h"));
    params.put("long_n", 30);
    params.put("short_n", 30);
    return new StrategyDefinition(
        name,
        name,
        "",
        "default",
        "59 23 * * *",
        1,
        0.5,
        params,
        List.of("time_bar"),
        p -> new RankLongShortStrategy.Factory().create(StrategyId.of(name), "default", p));
  }
}
