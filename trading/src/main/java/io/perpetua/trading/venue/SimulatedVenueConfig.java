package io.perpetua.trading.venue;

/**
 * Cost and timing model of the simulated venue. A market order pays {@code slippageBps +
 * impactLambda × √notional} basis points of adverse price movement (fixed slippage plus square-root
 * market impact, notional in USDT) and the taker fee; a limit order that is traded through pays the
 * maker fee. Orders become fillable {@code latencyMs} after submission.
 *
 * <p>{@code limitMatching} says how a resting limit meets a trade in tick-driven matching ({@link
 * LimitMatching}): the conservative queue model ({@link LimitMatching#THROUGH}, the default) or the
 * book at the last trade, as the fake Binance matches ({@link LimitMatching#TOUCH}). {@code
 * priceBand} models Binance's {@code PERCENT_PRICE} filter: a limit order priced more than that
 * fraction away from the last trade is refused (0 = no band).
 *
 * @param takerFeeBps taker fee in basis points of notional (Binance USDT-M default tier: 5)
 * @param makerFeeBps maker fee in basis points (Binance default: 2; negative = rebate)
 * @param slippageBps fixed adverse slippage in basis points applied to market orders
 * @param impactLambda square-root impact coefficient λ: extra bps per √USDT of notional (0 = off)
 * @param latencyMs time from submission until an order can fill
 * @param limitMatching how a resting limit order meets a trade (tick-driven matching)
 * @param priceBand largest distance of a limit price from the last trade, as a fraction (Binance
 *     PERCENT_PRICE {@code multiplierUp} 1.05: 0.05); 0 = none
 */
public record SimulatedVenueConfig(
    double takerFeeBps,
    double makerFeeBps,
    double slippageBps,
    double impactLambda,
    long latencyMs,
    LimitMatching limitMatching,
    double priceBand) {
  /** How a resting limit order meets a trade (tick-driven matching). */
  public enum LimitMatching {
    /**
     * A queue model: a trade must go through the limit (a print at the limit is the queue ahead),
     * and fills at most the traded quantity. A post-only limit at the last trade's price rests.
     */
    THROUGH,
    /**
     * The book at the last trade's price, as the fake Binance keeps it: a trade that reaches the
     * limit fills the order in full, and a post-only limit at the last trade's price would take
     * liquidity (refused).
     */
    TOUCH
  }

  /** Validates the model. */
  public SimulatedVenueConfig {
    if (!(takerFeeBps >= 0) || takerFeeBps > 1000 || makerFeeBps > 1000 || makerFeeBps < -100) {
      throw new IllegalArgumentException("fees must be within -100..1000 bps");
    }
    if (!(slippageBps >= 0) || slippageBps > 1000) {
      throw new IllegalArgumentException("slippage must be within 0..1000 bps");
    }
    if (!(impactLambda >= 0) || impactLambda > 100) {
      throw new IllegalArgumentException("impact lambda must be within 0..100");
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    if (limitMatching == null) {
      throw new IllegalArgumentException("limit matching must be given");
    }
    if (!(priceBand >= 0) || priceBand >= 1) {
      throw new IllegalArgumentException("price band must be within 0..1");
    }
  }

  /** The model with the queue-model limit matching ({@link LimitMatching#THROUGH}). */
  public SimulatedVenueConfig(
      double takerFeeBps,
      double makerFeeBps,
      double slippageBps,
      double impactLambda,
      long latencyMs) {
    this(
        takerFeeBps, makerFeeBps, slippageBps, impactLambda, latencyMs, LimitMatching.THROUGH, 0.0);
  }

  /** Fees and fixed slippage, no impact, no latency. */
  public SimulatedVenueConfig(double takerFeeBps, double makerFeeBps, double slippageBps) {
    this(takerFeeBps, makerFeeBps, slippageBps, 0.0, 0L);
  }

  /**
   * A venue's own fees, matching and price band, nothing added: no slippage, no impact, no latency,
   * limits matched at the touch ({@link LimitMatching#TOUCH}). A simulation of the fake Binance.
   */
  public static SimulatedVenueConfig venueLike(
      double takerFeeBps, double makerFeeBps, double priceBand) {
    return new SimulatedVenueConfig(
        takerFeeBps, makerFeeBps, 0.0, 0.0, 0L, LimitMatching.TOUCH, priceBand);
  }

  /** Binance default tier fees and 2 bps of slippage. */
  public static SimulatedVenueConfig defaults() {
    return new SimulatedVenueConfig(5.0, 2.0, 2.0);
  }

  /** Adverse slippage in bps for a market order of {@code notional} USDT. */
  public double slippageBps(double notional) {
    return impactLambda > 0
        ? slippageBps + impactLambda * Math.sqrt(Math.abs(notional))
        : slippageBps;
  }
}
