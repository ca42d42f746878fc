package io.perpetua.trading.lifecycle;

import java.util.Objects;

/**
 * A strategy's lifecycle now: its stable version, the stable one before it (the rollback target),
 * and at most one candidate with its stage. Immutable; every change is a new state with the next
 * revision, committed together with the event that explains it ({@link LifecycleStore#commit}).
 *
 * @param strategy the strategy name
 * @param stableId the version in production
 * @param previousStableId the stable version before it (what a rollback returns to), or null
 * @param candidateId the candidate version, or null
 * @param candidateStage the candidate's stage ({@code paper}, {@code shadow}, {@code canary}), or
 *     null without a candidate
 * @param stageSinceMs when the candidate entered its stage (or the stable version became stable)
 * @param gatesPassed whether the candidate's canary gates passed (it may then go to prod with a
 *     human approval)
 * @param approvalId the four-eyes request filed for its move to prod, or null
 * @param revision the number of committed changes (1 for the first state)
 */
public record LifecycleState(
    String strategy,
    String stableId,
    String previousStableId,
    String candidateId,
    Stage candidateStage,
    long stageSinceMs,
    boolean gatesPassed,
    String approvalId,
    long revision) {
  /** Validates the invariants: one stable version, a candidate has a stage below prod. */
  public LifecycleState {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(stableId, "stableId");
    if ((candidateId == null) != (candidateStage == null)) {
      throw new IllegalArgumentException("a candidate has a stage and a stage has a candidate");
    }
    if (candidateStage == Stage.PROD) {
      throw new IllegalArgumentException("a candidate in prod is the stable version");
    }
    if (candidateId != null && candidateId.equals(stableId)) {
      throw new IllegalArgumentException("the candidate cannot be the stable version");
    }
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1");
    }
  }

  /** The first state of a strategy: {@code stableId} in production, no candidate. */
  public static LifecycleState initial(String strategy, String stableId, long atMs) {
    return new LifecycleState(strategy, stableId, null, null, null, atMs, false, null, 1);
  }

  /** The next revision with a candidate at {@code stage} (gates and approval cleared). */
  LifecycleState withCandidate(String id, Stage stage, long atMs) {
    return new LifecycleState(
        strategy, stableId, previousStableId, id, stage, atMs, false, null, revision + 1);
  }

  /** The next revision without a candidate. */
  LifecycleState withoutCandidate(long atMs) {
    return new LifecycleState(
        strategy, stableId, previousStableId, null, null, atMs, false, null, revision + 1);
  }

  /** The next revision with the candidate's gates passed (awaiting a human to promote). */
  LifecycleState withGatesPassed() {
    return new LifecycleState(
        strategy,
        stableId,
        previousStableId,
        candidateId,
        candidateStage,
        stageSinceMs,
        true,
        null,
        revision + 1);
  }

  /** The next revision with the four-eyes request {@code id} filed for prod. */
  LifecycleState withApproval(String id) {
    return new LifecycleState(
        strategy,
        stableId,
        previousStableId,
        candidateId,
        candidateStage,
        stageSinceMs,
        gatesPassed,
        id,
        revision + 1);
  }

  /** The next revision with {@code id} stable, {@code previous} the rollback target. */
  LifecycleState withStable(String id, String previous, long atMs) {
    return new LifecycleState(strategy, id, previous, null, null, atMs, false, null, revision + 1);
  }
}
