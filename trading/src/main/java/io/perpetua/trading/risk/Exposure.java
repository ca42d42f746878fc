package io.perpetua.trading.risk;

import io.perpetua.core.Money;

/**
 * The portfolio at one kernel step in fixed point, as the rules read it: converted once from the
 * kernel's {@link PortfolioReading} (whose marks are analytics doubles).
 *
 * <p>Immutable and thread-safe.
 *
 * @param timeMs kernel time
 * @param equity wallet + unrealised PnL
 * @param longNotional Σ notional of long positions
 * @param shortNotional Σ |notional| of short positions
 * @param largestPosition the largest |position notional|
 * @param largestSymbol its symbol (API form), or null when flat
 */
public record Exposure(
    long timeMs,
    Money equity,
    Money longNotional,
    Money shortNotional,
    Money largestPosition,
    String largestSymbol) {

  /** The reading in fixed point (a non-finite amount, which no kernel produces, counts as 0). */
  public static Exposure of(PortfolioReading r) {
    return new Exposure(
        r.timeMs(),
        money(r.equity()),
        money(r.longNotional()),
        money(r.shortNotional()),
        money(r.largestPosition()),
        r.largestSymbol());
  }

  /** Σ|notional|. */
  public Money gross() {
    return longNotional.plus(shortNotional);
  }

  private static Money money(double value) {
    return Double.isFinite(value) ? Money.of(value) : Money.ZERO;
  }
}
