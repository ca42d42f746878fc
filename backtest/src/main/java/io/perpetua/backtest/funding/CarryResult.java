package io.perpetua.backtest.funding;

import java.util.Arrays;

/**
 * The outcome of a carry backtest on one venue and underlying, per unit of notional.
 *
 * @param venue venue code
 * @param asset base asset
 * @param fromMs first settlement, epoch ms
 * @param toMs last settlement, epoch ms
 * @param entries entries made (each with one exit, the last possibly forced at the end)
 * @param heldShare share of settlements the carry was held through
 * @param funding funding received minus paid, per unit of notional
 * @param fees taker fees of both legs, per unit of notional
 * @param slippage slippage of both legs, per unit of notional
 * @param returnOnCapital {@code (funding − fees − slippage) / capitalPerNotional}
 * @param annualisedReturn {@code returnOnCapital} per 365 days (simple, not compounded)
 * @param alwaysOnAnnualised the same for a carry held from the first to the last settlement
 * @param maxDrawdown largest fall of cumulative return on capital from a peak (a positive number)
 * @param timesMs times of the equity curve
 * @param equity cumulative return on capital at each time
 */
public record CarryResult(
    String venue,
    String asset,
    long fromMs,
    long toMs,
    int entries,
    double heldShare,
    double funding,
    double fees,
    double slippage,
    double returnOnCapital,
    double annualisedReturn,
    double alwaysOnAnnualised,
    double maxDrawdown,
    long[] timesMs,
    double[] equity) {
  /** Copies the arrays. */
  public CarryResult {
    timesMs = timesMs.clone();
    equity = equity.clone();
  }

  @Override
  public long[] timesMs() {
    return timesMs.clone();
  }

  @Override
  public double[] equity() {
    return equity.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CarryResult r
        && venue.equals(r.venue)
        && asset.equals(r.asset)
        && fromMs == r.fromMs
        && entries == r.entries
        && Double.compare(returnOnCapital, r.returnOnCapital) == 0
        && Arrays.equals(equity, r.equity);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(equity) * 31 + venue.hashCode();
  }

  @Override
  public String toString() {
    return "CarryResult[" + venue + " " + asset + " entries=" + entries + "]";
  }
}
