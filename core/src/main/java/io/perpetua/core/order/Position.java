package io.perpetua.core.order;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import java.util.Objects;

/**
 * A position snapshot: a signed quantity (positive long, negative short) and its entry cost.
 *
 * <p>Immutable. {@code entryCost} is the signed notional paid to open the current quantity
 * (positive for a long, negative for a short) so that the average entry price is {@code entryCost /
 * quantity}; it is zero when flat.
 *
 * @param instrument the instrument
 * @param quantity signed quantity
 * @param entryCost signed cost basis of the open quantity
 * @param realizedPnl realised PnL of this instrument since inception, before fees and funding
 */
public record Position(
    InstrumentId instrument, Quantity quantity, Money entryCost, Money realizedPnl) {

  /** Validates the snapshot. */
  public Position {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(entryCost, "entryCost");
    Objects.requireNonNull(realizedPnl, "realizedPnl");
    if (quantity.isZero() && entryCost.signum() != 0) {
      throw new IllegalArgumentException("a flat position has no entry cost");
    }
  }

  /** The average entry price, or 0 when flat. */
  public double averageEntryPrice() {
    return quantity.isZero() ? 0.0 : entryCost.toDouble() / quantity.toDouble();
  }

  /** Unrealised PnL at {@code markPrice}. */
  public double unrealizedPnl(double markPrice) {
    return quantity.toDouble() * markPrice - entryCost.toDouble();
  }
}
