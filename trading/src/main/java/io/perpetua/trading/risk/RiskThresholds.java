package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import java.util.Objects;
import java.util.Set;

/**
 * The risk configuration converted once into fixed point for the rules: fractions as {@link
 * Fraction}, USDT amounts as {@link Money}. A fraction limit configured as {@code +∞} is {@link
 * Fraction#OFF}; a money limit or breaker configured as {@code 0} is null (off).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxPositionPct largest |position| / equity an order may create
 * @param maxTotalExposure largest gross / equity an order may create
 * @param maxDrawdownHalt drawdown from the equity peak that halts trading
 * @param minBalanceReserve equity below which new risk is rejected, or null
 * @param maxOrderValue largest notional of one risk-adding order, or null
 * @param maxDailyTurnover largest submitted notional per UTC day / the day's opening equity
 * @param blacklist symbols that may not be opened or increased
 * @param dailyLossPct the day's loss as a fraction of its opening equity that halts, or OFF
 * @param dailyLossAmount the day's loss in USDT ({@code daily_loss_r × risk_unit}) that halts, or
 *     null
 * @param minBalanceR equity below {@code min_balance_r × risk_unit} rejects new risk, or null
 * @param consecutiveLosses losing trades in a row that pause new risk, 0 = off
 * @param pauseMinutes how long that pause lasts
 * @param venueUnreachableMs no orders once the venue has been unreachable this long, 0 = off
 * @param closeOnDailyLoss also close every position when the daily-loss breaker trips
 * @param warning the fraction of a limit from which a rule is in warning
 */
public record RiskThresholds(
    Fraction maxPositionPct,
    Fraction maxTotalExposure,
    Fraction maxDrawdownHalt,
    Money minBalanceReserve,
    Money maxOrderValue,
    Fraction maxDailyTurnover,
    Set<InstrumentId> blacklist,
    Fraction dailyLossPct,
    Money dailyLossAmount,
    Money minBalanceR,
    int consecutiveLosses,
    int pauseMinutes,
    long venueUnreachableMs,
    boolean closeOnDailyLoss,
    Fraction warning) {

  /** Validates and copies. */
  public RiskThresholds {
    Objects.requireNonNull(maxPositionPct, "maxPositionPct");
    Objects.requireNonNull(maxTotalExposure, "maxTotalExposure");
    Objects.requireNonNull(maxDrawdownHalt, "maxDrawdownHalt");
    Objects.requireNonNull(maxDailyTurnover, "maxDailyTurnover");
    Objects.requireNonNull(dailyLossPct, "dailyLossPct");
    Objects.requireNonNull(warning, "warning");
    blacklist = Set.copyOf(blacklist);
  }

  /** The thresholds of {@code config}, converted once. */
  public static RiskThresholds of(RiskConfig config) {
    RiskLimits l = config.limits();
    CircuitBreakers b = config.breakers();
    return new RiskThresholds(
        Fraction.ofLimit(l.maxPositionPct()),
        Fraction.ofLimit(l.maxTotalExposure()),
        Fraction.ofLimit(l.maxDrawdownHalt()),
        moneyOrOff(l.minBalanceReserve()),
        moneyOrOff(l.maxOrderValue()),
        Fraction.ofLimit(l.maxDailyTurnover()),
        l.blacklist(),
        b.dailyLossPct() > 0 ? Fraction.ofLimit(b.dailyLossPct()) : Fraction.OFF,
        moneyOrOff(b.dailyLossR() * b.riskUnit()),
        moneyOrOff(b.minBalanceR() * b.riskUnit()),
        b.consecutiveLosses(),
        b.pauseMinutes(),
        b.venueUnreachableMs(),
        b.closeOnDailyLoss(),
        Fraction.ofLimit(config.warningRatio()));
  }

  private static Money moneyOrOff(double value) {
    return value > 0 ? Money.of(value) : null;
  }
}
