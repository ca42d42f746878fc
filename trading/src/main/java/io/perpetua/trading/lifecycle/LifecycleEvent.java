package io.perpetua.trading.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One committed lifecycle transition with the numbers that justified it (gate values and
 * thresholds, the breach, the risk hit). Stored with the state it produced, in the same
 * transaction, and sent to the audit log.
 *
 * @param strategy the strategy
 * @param revision the state revision this event produced
 * @param kind what happened ({@link #CREATED}, {@link #PROMOTED}, ...)
 * @param versionId the version concerned
 * @param fromStage the stage before ({@code paper}, ..., {@code prod}), or null
 * @param toStage the stage after, or null (a rolled-back candidate has none)
 * @param actor the user, or {@code system:lifecycle} for automatic decisions
 * @param reason why
 * @param evidence the numbers (gate values, thresholds, breaches), maybe empty
 * @param atMs when
 */
public record LifecycleEvent(
    String strategy,
    long revision,
    String kind,
    String versionId,
    String fromStage,
    String toStage,
    String actor,
    String reason,
    Map<String, Object> evidence,
    long atMs) {
  /** The configured parameters became version 1, stable. */
  public static final String BOOTSTRAP = "stable.bootstrap";

  /** A candidate version was created (stage paper). */
  public static final String CREATED = "candidate.created";

  /** The candidate moved to the next stage. */
  public static final String PROMOTED = "candidate.promoted";

  /** The candidate's canary gates passed; it waits for a human approval to go to prod. */
  public static final String GATES_PASSED = "candidate.gates_passed";

  /** A four-eyes request for prod was filed. */
  public static final String APPROVAL_REQUESTED = "candidate.approval_requested";

  /** The candidate became the stable version. */
  public static final String PROD = "stable.promoted";

  /** The candidate was dropped, or the stable version reverted to the previous one. */
  public static final String ROLLED_BACK = "rolled_back";

  /** Copies the evidence. */
  public LifecycleEvent {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    reason = reason == null ? "" : reason;
    evidence =
        evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  /** The gate numbers of the last {@link #GATES_PASSED} event among {@code events}. */
  static java.util.Optional<Object> lastGates(java.util.List<LifecycleEvent> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (GATES_PASSED.equals(events.get(i).kind())) {
        return java.util.Optional.ofNullable(events.get(i).evidence().get("gates"));
      }
    }
    return java.util.Optional.empty();
  }
}
