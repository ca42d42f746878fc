package io.perpetua.trading.flow;

/**
 * Trading fee rates per side, as fractions of notional: taker 0.05 % and maker 0.02 % by default.
 *
 * <p>Immutable.
 *
 * @param takerRate fee of a taker fill
 * @param makerRate fee of a maker fill (may be negative for a rebate)
 */
public record FeeSchedule(double takerRate, double makerRate) {
  /** Validates the rates. */
  public FeeSchedule {
    if (!(takerRate >= 0 && takerRate < 0.01) || !(makerRate > -0.01 && makerRate < 0.01)) {
      throw new IllegalArgumentException("fee rates out of range");
    }
  }

  /** Binance USDT-M VIP0: taker 0.05 %, maker 0.02 %. */
  public static FeeSchedule defaults() {
    return new FeeSchedule(0.0005, 0.0002);
  }

  /** The rate of a fill. */
  public double rate(boolean maker) {
    return maker ? makerRate : takerRate;
  }
}
