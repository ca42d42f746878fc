package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;

/**
 * A pending label's progress, enough to finish it after a restart.
 *
 * <p>Immutable.
 *
 * @param evaluationId the feature row it labels
 * @param strategyId the strategy
 * @param strategyVersion the strategy version
 * @param configHash the config hash
 * @param engineInstance the engine instance
 * @param instrument the symbol
 * @param timeMs the evaluation time
 * @param direction the direction
 * @param price the price at the evaluation
 * @param atr the ATR at the evaluation
 * @param rUnit 1R in price (strategy's stop multiplier × ATR)
 * @param lastPrice the last price seen
 * @param netReturn15m the +15 min net return (NaN until reached)
 * @param netReturn30m the +30 min net return (NaN until reached)
 * @param maxFavourable the largest favourable move so far, price
 * @param maxAdverse the largest adverse move so far, price
 * @param outcome −1 undecided, 1 +2×ATR first, 0 −1×ATR first
 */
public record LabelSnapshot(
    String evaluationId,
    StrategyId strategyId,
    String strategyVersion,
    String configHash,
    String engineInstance,
    InstrumentId instrument,
    long timeMs,
    FlowDirection direction,
    double price,
    double atr,
    double rUnit,
    double lastPrice,
    double netReturn15m,
    double netReturn30m,
    double maxFavourable,
    double maxAdverse,
    int outcome) {
  /** Validates the fields. */
  public LabelSnapshot {
    if (evaluationId == null || instrument == null || direction == FlowDirection.NONE) {
      throw new IllegalArgumentException("a label needs an evaluation, a symbol and a side");
    }
    if (!(atr > 0) || !(rUnit > 0) || outcome < -1 || outcome > 1) {
      throw new IllegalArgumentException("a label needs a positive ATR and R");
    }
  }
}
