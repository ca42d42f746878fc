package io.perpetua.trading.risk;

import java.util.Objects;

/**
 * Everything the risk engine is configured with (the {@code risk:} section of the YAML file).
 *
 * @param limits pre-trade limits
 * @param breakers circuit breakers
 * @param warningRatio a rule is in {@code warning} once its value reaches this fraction of the
 *     threshold (e.g. 0.8)
 */
public record RiskConfig(RiskLimits limits, CircuitBreakers breakers, double warningRatio) {
  /** Validates. */
  public RiskConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(breakers, "breakers");
    if (!(warningRatio > 0 && warningRatio <= 1)) {
      throw new IllegalArgumentException("warning_ratio must be in (0, 1], got " + warningRatio);
    }
  }

  /** The shipped defaults. */
  public static RiskConfig defaults() {
    return new RiskConfig(RiskLimits.defaults(), CircuitBreakers.defaults(), 0.8);
  }

  /**
   * A copy whose money amounts (reserve, order value, R unit) are multiplied by {@code factor},
   * e.g. a backtest with another capital than the account the limits were written for.
   */
  public RiskConfig scaleMoney(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be positive, got " + factor);
    }
    RiskLimits l = limits;
    CircuitBreakers b = breakers;
    return new RiskConfig(
        new RiskLimits(
            l.maxPositionPct(),
            l.maxTotalExposure(),
            l.maxDrawdownHalt(),
            l.minBalanceReserve() * factor,
            l.maxOrderValue() * factor,
            l.maxDailyTurnover(),
            l.blacklist(),
            l.dryRun()),
        new CircuitBreakers(
            b.dailyLossPct(),
            b.dailyLossR(),
            b.riskUnit() * factor,
            b.closeOnDailyLoss(),
            b.consecutiveLosses(),
            b.pauseMinutes(),
            b.venueUnreachableMs(),
            b.marketDataStaleMs(),
            b.minBalanceR(),
            b.holdingWarnMinutes(),
            b.holdingCloseMinutes()),
        warningRatio);
  }

  /** No limits and no breakers: only precision filters and operator controls act. */
  public static RiskConfig unlimited() {
    return new RiskConfig(RiskLimits.unlimited(), CircuitBreakers.off(), 0.8);
  }
}
