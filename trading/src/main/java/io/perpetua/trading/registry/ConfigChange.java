package io.perpetua.trading.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A controlled change of a strategy's parameters: {@code pending_review → approved | rejected →
 * applied}. Approved changes with {@code apply_mode} {@code next_rebalance} wait for the strategy's
 * next rebalance; {@code immediate} ones apply when approved. Immutable.
 *
 * @param id {@code cr-<yyyyMMdd>-<seq>}
 * @param strategy the strategy
 * @param changes the changed parameters, {@code {old, new}}, in request order
 * @param reason why
 * @param applyMode {@code next_rebalance} or {@code immediate}
 * @param status {@code pending_review}, {@code approved}, {@code rejected} or {@code applied}
 * @param submittedBy who asked
 * @param submittedAtMs when
 * @param approvalId the four-eyes request deciding it, or null (four-eyes off)
 * @param decidedBy who approved or rejected it, or null
 * @param version the configuration version it produced ({@code v2}...), null until applied
 * @param appliedAtMs when applied (kernel time of the rebalance, or the approval time), or null
 */
public record ConfigChange(
    String id,
    String strategy,
    Map<String, ParameterChange> changes,
    String reason,
    String applyMode,
    String status,
    String submittedBy,
    long submittedAtMs,
    String approvalId,
    String decidedBy,
    String version,
    Long appliedAtMs) {
  /** Waiting for a second person. */
  public static final String PENDING = "pending_review";

  /** Approved, waiting to be applied. */
  public static final String APPROVED = "approved";

  /** Rejected (nothing changes). */
  public static final String REJECTED = "rejected";

  /** In force. */
  public static final String APPLIED = "applied";

  /** Applied at the strategy's next rebalance (the default). */
  public static final String NEXT_REBALANCE = "next_rebalance";

  /** Applied when approved. */
  public static final String IMMEDIATE = "immediate";

  /** The accepted apply modes. */
  public static final Set<String> APPLY_MODES = Set.of(NEXT_REBALANCE, IMMEDIATE);

  /** Validates; copies the changes. */
  public ConfigChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(submittedBy, "submittedBy");
    if (!APPLY_MODES.contains(applyMode)) {
      throw new IllegalArgumentException("apply_mode must be one of " + APPLY_MODES);
    }
    changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }

  /** The new values, by parameter. */
  public Map<String, Object> newValues() {
    Map<String, Object> out = new LinkedHashMap<>();
    changes.forEach((k, v) -> out.put(k, v.newValue()));
    return out;
  }

  /** A copy with another status, decider, version and application time. */
  public ConfigChange with(String newStatus, String by, String newVersion, Long appliedAt) {
    return new ConfigChange(
        id,
        strategy,
        changes,
        reason,
        applyMode,
        newStatus,
        submittedBy,
        submittedAtMs,
        approvalId,
        by,
        newVersion,
        appliedAt);
  }

  /** A copy linked to four-eyes request {@code approval}. */
  public ConfigChange withApproval(String approval) {
    return new ConfigChange(
        id,
        strategy,
        changes,
        reason,
        applyMode,
        status,
        submittedBy,
        submittedAtMs,
        approval,
        decidedBy,
        version,
        appliedAtMs);
  }
}
