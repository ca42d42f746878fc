package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import java.util.Set;

/**
 * The pre-trade limits of spec 000 §3.1 ({@code GET /api/v1/risk/config}). Fractions are of the
 * account equity at the order's reference price; money is USDT. A limit of {@code 0} (money) or
 * {@code +∞} (fractions) is off.
 *
 * @param maxPositionPct largest |position notional| / equity an order may create
 * @param maxTotalExposure largest gross notional (Σ|long| + Σ|short|) / equity an order may create
 * @param maxDrawdownHalt drawdown from the equity peak (a fraction, e.g. 0.30) that halts trading
 *     until an operator resumes it
 * @param minBalanceReserve equity below which new risk-increasing orders are rejected
 * @param maxOrderValue largest notional of one order that is not reduce-only (0 = off)
 * @param maxDailyTurnover largest submitted notional per UTC day / equity at the day's start
 * @param blacklist symbols that may not be opened or increased (closing is allowed)
 * @param dryRun true when orders must not reach a real venue (paper trading)
 */
public record RiskLimits(
    double maxPositionPct,
    double maxTotalExposure,
    double maxDrawdownHalt,
    double minBalanceReserve,
    double maxOrderValue,
    double maxDailyTurnover,
    Set<InstrumentId> blacklist,
    boolean dryRun) {

  /** Validates: every limit non-negative, fractions positive. */
  public RiskLimits {
    positive("max_position_pct", maxPositionPct);
    positive("max_total_exposure", maxTotalExposure);
    positive("max_drawdown_halt", maxDrawdownHalt);
    positive("max_daily_turnover", maxDailyTurnover);
    nonNegative("min_balance_reserve", minBalanceReserve);
    nonNegative("max_order_value", maxOrderValue);
    blacklist = Set.copyOf(blacklist);
  }

  /**
   * The shipped defaults: 15 % per symbol, 1.2× gross (baseline_rev runs at 1.0; the headroom
   * absorbs drift between rebalances), 30 % drawdown halt, 100 USDT reserve, 5,000 USDT per order,
   * 3× daily turnover, no blacklist, dry run.
   */
  public static RiskLimits defaults() {
    return new RiskLimits(0.15, 1.2, 0.30, 100.0, 5_000.0, 3.0, Set.of(), true);
  }

  /** Limits that never bind (only the precision filters and operator controls act). */
  public static RiskLimits unlimited() {
    double inf = Double.POSITIVE_INFINITY;
    return new RiskLimits(inf, inf, inf, 0.0, 0.0, inf, Set.of(), true);
  }

  /** A copy with another blacklist. */
  public RiskLimits withBlacklist(Set<InstrumentId> symbols) {
    return new RiskLimits(
        maxPositionPct,
        maxTotalExposure,
        maxDrawdownHalt,
        minBalanceReserve,
        maxOrderValue,
        maxDailyTurnover,
        symbols,
        dryRun);
  }

  /** A copy with another dry-run flag. */
  public RiskLimits withDryRun(boolean value) {
    return new RiskLimits(
        maxPositionPct,
        maxTotalExposure,
        maxDrawdownHalt,
        minBalanceReserve,
        maxOrderValue,
        maxDailyTurnover,
        blacklist,
        value);
  }

  private static void positive(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite value >= 0, got " + value);
    }
  }
}
