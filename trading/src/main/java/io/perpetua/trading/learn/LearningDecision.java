package io.perpetua.trading.learn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One automated decision of the learning loop (a release, a rejected proposal, an evolution run and
 * each of its creations and deprecations), sent to the audit log with the numbers behind it.
 *
 * @param action {@code flow.learning.<what>}
 * @param target the strategy or symbol concerned
 * @param actor who decided ({@link #ACTOR}, or the user who asked for the run)
 * @param reason why
 * @param numbers the evidence
 * @param atMs when
 */
public record LearningDecision(
    String action,
    String target,
    String actor,
    String reason,
    Map<String, Object> numbers,
    long atMs) {
  /** The actor of automatic learning decisions. */
  public static final String ACTOR = "system:learning";

  /** Validates; copies the numbers. */
  public LearningDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(actor, "actor");
    reason = reason == null ? "" : reason;
    numbers =
        numbers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }

  /** Receives every decision (the audit log). */
  @FunctionalInterface
  public interface Sink {
    /** {@code decision} was taken. */
    void decided(LearningDecision decision);
  }
}
