package io.perpetua.trading.risk;

/**
 * What the kernel knows about the portfolio when an order is checked. Notionals are USDT at the
 * order's reference price and include orders already working at the venue (so a rebalance's later
 * orders see its earlier ones).
 *
 * @param mark reference price of the order's instrument
 * @param markTimeMs when that price was seen (kernel time)
 * @param nowMs kernel time of the check
 * @param equity account equity (wallet + unrealised PnL)
 * @param positionBefore signed notional of the instrument before the order
 * @param positionAfter signed notional if the order fills completely
 * @param grossBefore Σ|notional| over all instruments before the order
 * @param grossAfter the same if the order fills completely
 */
public record OrderContext(
    double mark,
    long markTimeMs,
    long nowMs,
    double equity,
    double positionBefore,
    double positionAfter,
    double grossBefore,
    double grossAfter) {

  /** A context for an order in an otherwise empty, unlevered account (tests, tools). */
  public static OrderContext standalone(double mark, long nowMs, double equity, double notional) {
    return new OrderContext(mark, nowMs, nowMs, equity, 0, notional, 0, Math.abs(notional));
  }

  /** True when the order makes the position larger in absolute terms. */
  public boolean increasesPosition() {
    return Math.abs(positionAfter) > Math.abs(positionBefore) + 1e-9;
  }

  /** True when the order adds to the gross exposure. */
  public boolean increasesGross() {
    return grossAfter > grossBefore + 1e-9;
  }
}
