package io.perpetua.trading.venue;

/**
 * Cost model of the simulated venue.
 *
 * @param takerFeeBps taker fee in basis points of notional (Binance USDT-M default tier: 5)
 * @param makerFeeBps maker fee in basis points (Binance default: 2)
 * @param slippageBps fixed adverse slippage in basis points applied to market orders
 */
public record SimulatedVenueConfig(double takerFeeBps, double makerFeeBps, double slippageBps) {
  /** Validates the costs. */
  public SimulatedVenueConfig {
    if (!(takerFeeBps >= 0) || takerFeeBps > 1000 || makerFeeBps > 1000 || makerFeeBps < -100) {
      throw new IllegalArgumentException("fees must be within -100..1000 bps");
    }
    if (!(slippageBps >= 0) || slippageBps > 1000) {
      throw new IllegalArgumentException("slippage must be within 0..1000 bps");
    }
  }

  /** Binance default tier fees and 2 bps of slippage. */
  public static SimulatedVenueConfig defaults() {
    return new SimulatedVenueConfig(5.0, 2.0, 2.0);
  }
}
