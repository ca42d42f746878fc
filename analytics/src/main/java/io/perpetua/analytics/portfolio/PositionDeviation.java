package io.perpetua.analytics.portfolio;

import java.util.Objects;

/**
 * One symbol's target weight against its actual weight. Immutable. Weights with |w| &lt; 1e-12 are
 * reported as 0.
 *
 * @param symbol the symbol
 * @param targetWeight target weight (signed), 0 when the symbol has no target
 * @param actualWeight actual weight (signed), 0 when there is no position
 * @param deviation {@code actualWeight − targetWeight}
 * @param deviationPct {@code deviation / |targetWeight| × 100} (a percentage: −7.2 = −7.2 %);
 *     {@code NaN} when the target is 0 ({@link DeviationStatus#EXTRA})
 * @param status the classification
 */
public record PositionDeviation(
    String symbol,
    double targetWeight,
    double actualWeight,
    double deviation,
    double deviationPct,
    DeviationStatus status) {
  /** Validates that symbol and status are present. */
  public PositionDeviation {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(status, "status");
  }
}
