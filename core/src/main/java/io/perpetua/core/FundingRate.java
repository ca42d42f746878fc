package io.perpetua.core;

/**
 * A funding settlement of a perpetual: at {@code fundingTimeMs} longs pay shorts {@code rate ×
 * position notional} (shorts pay longs when negative).
 *
 * <p>Immutable.
 *
 * @param instrument the perpetual
 * @param fundingTimeMs settlement time, epoch ms UTC
 * @param rate the funding rate as a fraction per period (0.0001 = 0.01 %)
 */
public record FundingRate(InstrumentId instrument, long fundingTimeMs, double rate) {
  /** Validates the rate. */
  public FundingRate {
    if (!Double.isFinite(rate) || Math.abs(rate) > 0.1) {
      throw new IllegalArgumentException("implausible funding rate " + rate + " for " + instrument);
    }
  }
}
