package io.perpetua.signals.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import java.util.Map;

/**
 * One evaluation of a strategy on a symbol: score, direction, tier, gate result, block reason and
 * the factor breakdown, with the raw inputs — stored with every evaluation and the source of the
 * learning loop's feature events.
 *
 * <p>Immutable.
 *
 * @param strategyId the strategy
 * @param strategyVersion its version
 * @param configHash its configuration hash
 * @param family its scoring family
 * @param instrument the symbol
 * @param timeMs evaluation time, epoch ms
 * @param score the score, 0–100
 * @param direction the direction
 * @param tier NONE unless the evaluation may open a position
 * @param gatePassed whether the family's gates passed
 * @param blockReason why it cannot open ({@code "none"} when it can)
 * @param factors the factor breakdown (layer points)
 * @param inputs the raw inputs
 */
public record FlowEvaluation(
    StrategyId strategyId,
    String strategyVersion,
    String configHash,
    FlowFamily family,
    InstrumentId instrument,
    long timeMs,
    double score,
    FlowDirection direction,
    FlowTier tier,
    boolean gatePassed,
    String blockReason,
    Map<String, Double> factors,
    FlowInputs inputs) {

  /** Block reason: score below the entry score. */
  public static final String BELOW_ENTRY = "below_entry";

  /** Block reason: the strategy's direction filter excludes the direction. */
  public static final String DIRECTION_FILTER = "direction_filter";

  /** Validates the fields. */
  public FlowEvaluation {
    if (strategyId == null || instrument == null || family == null || inputs == null) {
      throw new IllegalArgumentException("strategy, instrument, family and inputs are required");
    }
    if (direction == null || tier == null || blockReason == null || factors == null) {
      throw new IllegalArgumentException("direction, tier, block reason and factors are required");
    }
    if (tier != FlowTier.NONE && !blockReason.equals(FlowScore.NONE)) {
      throw new IllegalArgumentException("a blocked evaluation has tier none");
    }
    factors = Map.copyOf(factors);
  }

  /** True when this evaluation may open a position (tier set, nothing blocks). */
  public boolean opens() {
    return tier != FlowTier.NONE;
  }

  /** A copy blocked by {@code reason} (engine-level blocks such as cooldown), tier NONE. */
  public FlowEvaluation withBlock(String reason) {
    return new FlowEvaluation(
        strategyId,
        strategyVersion,
        configHash,
        family,
        instrument,
        timeMs,
        score,
        direction,
        FlowTier.NONE,
        gatePassed,
        reason,
        factors,
        inputs);
  }
}
