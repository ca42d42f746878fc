package io.perpetua.trading.risk.rules;

import io.perpetua.trading.risk.RiskThresholds;
import java.util.List;

/**
 * The rules of one risk engine, in the order they run.
 *
 * <p>Pre-trade: the operator rules (emergency stop, disabled symbol) before anything else and
 * without a lock; then, after the precision filters, stale market data and venue outage (these two
 * also for reduce-only orders), and for orders that add risk: a symbol outside the configured
 * universe and not approved, blacklist, the halts (drawdown, daily loss, loss-streak pause),
 * balance reserve, R floor, order value, position size, the symbol's own limit (approved at
 * runtime), gross exposure and daily turnover. The first rule that rejects names the rejection.
 *
 * <p>Status rows, in the API's order: position, exposure, drawdown, reserve, turnover, daily loss
 * and loss streak (the last two when configured), the symbol limits (when any is set). Immutable.
 *
 * @param operator the operator rules
 * @param preTrade the rules after the precision filters
 * @param reported the rules with a status row
 * @param drawdown the drawdown breaker (tripped on every reading)
 * @param dailyLoss the daily-loss breaker (tripped on every reading)
 * @param losses the loss-streak breaker (fed with realised PnL)
 * @param venue the venue-outage rule (also a halt reason)
 */
public record RiskRules(
    List<RiskRule> operator,
    List<RiskRule> preTrade,
    List<RiskRule> reported,
    DrawdownHaltRule drawdown,
    DailyLossRule dailyLoss,
    ConsecutiveLossesRule losses,
    VenueUnreachableRule venue) {

  /** Copies the lists. */
  public RiskRules {
    operator = List.copyOf(operator);
    preTrade = List.copyOf(preTrade);
    reported = List.copyOf(reported);
  }

  /** The rules for {@code t}, reading {@code controls} and recording into {@code events}. */
  public static RiskRules of(RiskThresholds t, OperatorControls controls, RiskEvents events) {
    var position = new MaxPositionRule(t.maxPositionPct(), t.warning());
    var exposure = new MaxExposureRule(t.maxTotalExposure(), t.warning());
    var drawdown = new DrawdownHaltRule(t.maxDrawdownHalt(), t.warning());
    var reserve = new MinBalanceReserveRule(t.minBalanceReserve(), t.warning());
    var turnover = new DailyTurnoverRule(t.maxDailyTurnover(), t.warning(), events);
    var daily =
        new DailyLossRule(t.dailyLossPct(), t.dailyLossAmount(), t.closeOnDailyLoss(), t.warning());
    var losses = new ConsecutiveLossesRule(t.consecutiveLosses(), t.pauseMinutes(), t.warning());
    var venue = new VenueUnreachableRule(t.venueUnreachableMs());
    var symbolLimit = new SymbolLimitRule(controls, t.warning());
    return new RiskRules(
        List.of(new EmergencyStopRule(controls), new SymbolDisabledRule(controls)),
        List.of(
            new UniverseRule(controls),
            new MarketDataStaleRule(),
            venue,
            new BlacklistRule(t.blacklist()),
            drawdown,
            daily,
            losses,
            reserve,
            new MinBalanceRRule(t.minBalanceR()),
            new MaxOrderValueRule(t.maxOrderValue()),
            position,
            symbolLimit,
            exposure,
            turnover),
        List.of(position, exposure, drawdown, reserve, turnover, daily, losses, symbolLimit),
        drawdown,
        daily,
        losses,
        venue);
  }
}
