package io.perpetua.core;

/**
 * One OHLCV bar of an instrument, opened at {@code openTimeMs} (epoch ms, UTC). Prices are doubles:
 * bars feed features and analytics; the trading kernel converts to {@link Price} at the order edge.
 *
 * <p>Immutable. Validated: positive prices, {@code low <= open,close <= high}, non-negative
 * volumes.
 *
 * @param openTimeMs bar open time, epoch milliseconds
 * @param open opening price
 * @param high highest price
 * @param low lowest price
 * @param close closing price
 * @param volume base-asset volume
 * @param quoteVolume quote-asset (USDT) volume; estimated as {@code close × volume} when unknown
 */
public record Bar(
    long openTimeMs,
    double open,
    double high,
    double low,
    double close,
    double volume,
    double quoteVolume) {

  /** Validates the bar. */
  public Bar {
    if (!(open > 0 && high > 0 && low > 0 && close > 0)) {
      throw new IllegalArgumentException("bar prices must be positive");
    }
    if (low > high || open > high || close > high || open < low || close < low) {
      throw new IllegalArgumentException(
          "bar prices inconsistent: open="
              + open
              + " high="
              + high
              + " low="
              + low
              + " close="
              + close);
    }
    if (!(volume >= 0) || !(quoteVolume >= 0)) {
      throw new IllegalArgumentException("bar volumes must be non-negative");
    }
  }
}
