package io.perpetua.venue.generic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The generic venue's fee schedule in basis points of the fill notional. A negative maker rate is a
 * rebate: the fill's fee is then negative (the account is paid).
 *
 * <p>Immutable.
 *
 * @param makerBps fee of a resting (maker) fill, e.g. −1 (a 1 bp rebate)
 * @param takerBps fee of a crossing (taker) fill, e.g. 4
 */
public record GenericFees(double makerBps, double takerBps) {
  /** The default schedule: maker −1 bp (rebate), taker 4 bp. */
  public static final GenericFees DEFAULT = new GenericFees(-1, 4);

  /** Validates the rates (a taker rebate is not a fee schedule anyone offers). */
  public GenericFees {
    if (!Double.isFinite(makerBps) || !Double.isFinite(takerBps) || takerBps < 0) {
      throw new IllegalArgumentException("fees must be finite and the taker fee not negative");
    }
  }

  /** The fee of a fill of {@code notional}, at 8 decimals (negative for a maker rebate). */
  public BigDecimal fee(BigDecimal notional, boolean maker) {
    BigDecimal bps = BigDecimal.valueOf(maker ? makerBps : takerBps);
    return notional.multiply(bps).movePointLeft(4).setScale(8, RoundingMode.HALF_EVEN);
  }
}
