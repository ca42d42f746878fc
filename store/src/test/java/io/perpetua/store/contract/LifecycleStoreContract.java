package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.lifecycle.LifecycleEvent;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.LifecycleStore;
import io.perpetua.trading.lifecycle.LifecycleStore.Transition;
import io.perpetua.trading.lifecycle.Stage;
import io.perpetua.trading.lifecycle.StrategyVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link LifecycleStore} must do: atomic transitions, revisions, restarts. */
public abstract class LifecycleStoreContract {
  private static final long T0 = 1_772_495_700_000L;

  /** An empty store. */
  protected abstract LifecycleStore freshStore() throws Exception;

  /** The same store as after a process restart. */
  protected abstract LifecycleStore reopen() throws Exception;

  static StrategyVersion version(int n, String parent) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h"));
    params.put("long_n", 30 - n);
    params.put("gross_exposure", 0.5);
    params.put("rebalance_days", 1);
    return new StrategyVersion(
        StrategyVersion.idOf("s1", n),
        "s1",
        n,
        parent,
        params,
        "h" + n,
        "alice",
        "why " + n,
        n == 1 ? null : "opt-" + n,
        n == 1 ? null : Map.of("sharpe", 1.25, "pbo", 0.1),
        T0 + n);
  }

  static LifecycleEvent event(LifecycleState s, String kind, Map<String, Object> evidence) {
    return new LifecycleEvent(
        s.strategy(),
        s.revision(),
        kind,
        s.candidateId(),
        "paper",
        "shadow",
        "bob",
        "because",
        evidence,
        T0 + s.revision());
  }

  private static LifecycleState first() {
    return LifecycleState.initial("s1", "s1-v1", T0);
  }

  private static LifecycleState withCandidate(LifecycleState s, Stage stage) {
    return new LifecycleState(
        s.strategy(),
        s.stableId(),
        s.previousStableId(),
        "s1-v2",
        stage,
        T0 + 5,
        true,
        "apr_1",
        s.revision() + 1);
  }

  @Test
  void transitions_roundTrip_andSurviveARestart() throws Exception {
    LifecycleStore store = freshStore();
    LifecycleState one = first();
    store.commit(new Transition(version(1, null), one, event(one, LifecycleEvent.BOOTSTRAP, null)));
    LifecycleState two = withCandidate(one, Stage.CANARY);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("gates", Map.of("outcome", "pass", "ks_p_value", Map.of("value", 0.42)));
    evidence.put("breaches", List.of("max_drawdown"));
    store.commit(new Transition(version(2, "s1-v1"), two, event(two, "k", evidence)));

    LifecycleStore again = reopen();
    assertThat(again.state("s1")).contains(two);
    assertThat(again.state("s2")).isEmpty();
    assertThat(again.versions("s1")).containsExactly(version(1, null), version(2, "s1-v1"));
    assertThat(again.version("s1-v2")).contains(version(2, "s1-v1"));
    assertThat(again.version("nope")).isEmpty();
    assertThat(again.events("s1")).hasSize(2);
    LifecycleEvent stored = again.events("s1").get(1);
    assertThat(stored.evidence()).isEqualTo(evidence);
    assertThat(stored).isEqualTo(event(two, "k", evidence));
  }

  @Test
  void staleRevisionOrDuplicateVersion_isAConflict_andWritesNothing() throws Exception {
    LifecycleStore store = freshStore();
    LifecycleState one = first();
    store.commit(new Transition(version(1, null), one, event(one, LifecycleEvent.BOOTSTRAP, null)));
    // a second "first" state (another process bootstrapping too)
    assertThatThrownBy(
            () ->
                store.commit(new Transition(null, one, event(one, LifecycleEvent.BOOTSTRAP, null))))
        .isInstanceOf(LifecycleException.class)
        .extracting(e -> ((LifecycleException) e).kind())
        .isEqualTo(LifecycleException.Kind.CONFLICT);
    // a transition from a revision that is not the stored one: its version is not kept either
    LifecycleState skipping =
        new LifecycleState("s1", "s1-v1", null, "s1-v2", Stage.PAPER, T0, false, null, 3);
    assertThatThrownBy(
            () ->
                store.commit(
                    new Transition(version(2, "s1-v1"), skipping, event(skipping, "k", null))))
        .isInstanceOf(LifecycleException.class);
    // a version id that exists
    LifecycleState two = withCandidate(one, Stage.PAPER);
    assertThatThrownBy(
            () -> store.commit(new Transition(version(1, null), two, event(two, "k", null))))
        .isInstanceOf(LifecycleException.class);

    LifecycleStore again = reopen();
    assertThat(again.state("s1")).contains(one);
    assertThat(again.versions("s1")).containsExactly(version(1, null));
    assertThat(again.events("s1")).hasSize(1);
  }
}
