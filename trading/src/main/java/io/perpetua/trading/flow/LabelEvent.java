package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;

/**
 * The back-filled label of one directional evaluation (spec §5), emitted 60 min after it: net
 * returns at +15/+30/+60 min (signed by the direction, minus a round trip of taker fees), {@code
 * y_binary_60m} (1 iff +2×ATR was touched before −1×ATR, with the ATR snapshotted at the signal),
 * and the maximum favourable/adverse excursions in R.
 *
 * <p>Immutable.
 *
 * @param evaluationId the feature row it labels
 * @param strategyId the strategy
 * @param strategyVersion the strategy version
 * @param configHash the config hash
 * @param engineInstance the engine instance
 * @param instrument the symbol
 * @param evaluationTimeMs the evaluation time
 * @param direction the evaluated direction
 * @param price the price at the evaluation
 * @param atr the ATR snapshotted at the evaluation
 * @param netReturn15m net return at +15 min
 * @param netReturn30m net return at +30 min
 * @param netReturn60m net return at +60 min
 * @param yBinary60m 1 iff +2×ATR was touched before −1×ATR within 60 min, else 0
 * @param mfeR maximum favourable excursion in R
 * @param maeR maximum adverse excursion in R (positive)
 */
public record LabelEvent(
    String evaluationId,
    StrategyId strategyId,
    String strategyVersion,
    String configHash,
    String engineInstance,
    InstrumentId instrument,
    long evaluationTimeMs,
    FlowDirection direction,
    double price,
    double atr,
    double netReturn15m,
    double netReturn30m,
    double netReturn60m,
    int yBinary60m,
    double mfeR,
    double maeR) {
  /** Validates the fields. */
  public LabelEvent {
    if (evaluationId == null || strategyId == null || instrument == null) {
      throw new IllegalArgumentException("evaluation id, strategy and instrument are required");
    }
    if (yBinary60m != 0 && yBinary60m != 1) {
      throw new IllegalArgumentException("y_binary_60m must be 0 or 1");
    }
  }
}
