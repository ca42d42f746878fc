package io.perpetua.signals.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a scoring family on one {@link FlowInputs}: total score (0–100), direction,
 * whether the family's gates passed, the block reason ({@code "none"} when passed) and the factor
 * breakdown (layer and sub-factor points, in insertion order).
 *
 * <p>Immutable.
 *
 * @param score the total score, 0–100
 * @param direction the direction (NONE when undetermined)
 * @param gatePassed whether every gate passed
 * @param blockReason the first reason that blocks, or {@code "none"}
 * @param factors the factor breakdown
 */
public record FlowScore(
    double score,
    FlowDirection direction,
    boolean gatePassed,
    String blockReason,
    Map<String, Double> factors) {

  /** The block reason of an unblocked score. */
  public static final String NONE = "none";

  /** Validates and freezes the fields. */
  public FlowScore {
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("score must be in [0, 100]: " + score);
    }
    if (direction == null || blockReason == null || blockReason.isEmpty()) {
      throw new IllegalArgumentException("direction and block reason are required");
    }
    if (gatePassed != blockReason.equals(NONE)) {
      throw new IllegalArgumentException("gatePassed iff blockReason is 'none'");
    }
    factors = Collections.unmodifiableMap(new LinkedHashMap<>(factors));
  }
}
