package io.perpetua.trading.flow;

/**
 * The completed entry of a position: what was filled, at what average price, with which fees.
 *
 * <p>Immutable.
 *
 * @param averagePrice the average fill price (positive)
 * @param quantity the filled quantity (positive)
 * @param fees the entry fees paid, quote
 * @param makerQuantity the part filled as maker
 * @param slippageCost adverse slippage against the signal price, quote (≥ 0)
 */
public record EntryFill(
    double averagePrice, double quantity, double fees, double makerQuantity, double slippageCost) {
  /** Validates the fields. */
  public EntryFill {
    if (!(averagePrice > 0) || !(quantity > 0) || Double.isNaN(fees)) {
      throw new IllegalArgumentException("entry fill needs a positive price and quantity");
    }
    if (!(makerQuantity >= 0 && makerQuantity <= quantity * (1 + 1e-12)) || !(slippageCost >= 0)) {
      throw new IllegalArgumentException("maker quantity and slippage out of range");
    }
  }

  /** A taker fill of {@code quantity} at {@code price} (the §4 paper entry at the last price). */
  public static EntryFill taker(double price, double quantity, FeeSchedule fee) {
    return new EntryFill(price, quantity, fee.takerRate() * price * quantity, 0, 0);
  }
}
