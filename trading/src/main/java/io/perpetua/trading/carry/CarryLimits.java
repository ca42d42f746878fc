package io.perpetua.trading.carry;

import io.perpetua.core.Money;
import java.util.Objects;

/**
 * The hard limits of a carry instance (spec §7). Configuration only: nothing at run time (API, UI)
 * can change them. Immutable.
 *
 * @param maxNotional largest notional per leg, quote currency (fixed point)
 * @param maxSlippage leg limit prices are at most this far through the reference quote (0.001)
 * @param maxHedgeDeviation largest {@code |spot − perp| / target} (0.01)
 * @param marginWarn unified maintenance-margin ratio below which an alert is raised (1.35)
 * @param marginDanger ratio at or below which the carry halts with an alert, never closing (1.25)
 * @param maxApiFailures consecutive venue API failures that halt the carry (5)
 * @param reorderAfterMs a working leg order is cancelled and sent again after this (8,000)
 * @param haltAfterMs legs not both done this long after the phase started halt the carry (30,000)
 * @param maxClockDriftMs local-vs-venue clock drift above which trading requests are blocked
 *     (1,000)
 */
public record CarryLimits(
    Money maxNotional,
    double maxSlippage,
    double maxHedgeDeviation,
    double marginWarn,
    double marginDanger,
    int maxApiFailures,
    long reorderAfterMs,
    long haltAfterMs,
    long maxClockDriftMs) {
  /** Validates the limits. */
  public CarryLimits {
    Objects.requireNonNull(maxNotional, "max_notional");
    if (maxNotional.signum() <= 0) {
      throw new IllegalArgumentException("max_notional: must be positive, was " + maxNotional);
    }
    if (!(maxSlippage > 0 && maxSlippage <= 0.001)) {
      throw new IllegalArgumentException("max_slippage: must be in (0, 0.001], was " + maxSlippage);
    }
    if (!(maxHedgeDeviation > 0 && maxHedgeDeviation <= 0.01)) {
      throw new IllegalArgumentException(
          "max_hedge_deviation: must be in (0, 0.01], was " + maxHedgeDeviation);
    }
    if (!(marginDanger >= 1 && marginWarn > marginDanger)) {
      throw new IllegalArgumentException(
          "margin_warn/margin_danger: need warn > danger >= 1, were "
              + marginWarn
              + "/"
              + marginDanger);
    }
    if (maxApiFailures < 1 || reorderAfterMs < 1 || haltAfterMs <= reorderAfterMs) {
      throw new IllegalArgumentException(
          "max_api_failures >= 1 and halt_after_ms > reorder_after_ms > 0 required");
    }
    if (maxClockDriftMs < 1) {
      throw new IllegalArgumentException("max_clock_drift_ms: must be positive");
    }
  }

  /** The limits of spec §7 with {@code maxNotional}. */
  public static CarryLimits spec(Money maxNotional) {
    return new CarryLimits(maxNotional, 0.001, 0.01, 1.35, 1.25, 5, 8_000, 30_000, 1_000);
  }
}
