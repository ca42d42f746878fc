package io.perpetua.core.order;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import java.util.Objects;

/**
 * One execution of (part of) an order.
 *
 * <p>Immutable. Quantity and price are positive; the fee is what was paid (negative for a rebate).
 *
 * @param tradeId venue trade id (unique per venue; used to de-duplicate)
 * @param clientOrderId the order filled
 * @param instrument the instrument
 * @param side buy or sell
 * @param quantity positive filled quantity
 * @param price execution price
 * @param fee fee paid in the settlement currency
 * @param liquidity maker or taker
 * @param timeMs execution time, epoch ms
 */
public record Fill(
    TradeId tradeId,
    ClientOrderId clientOrderId,
    InstrumentId instrument,
    OrderSide side,
    Quantity quantity,
    Price price,
    Money fee,
    Liquidity liquidity,
    long timeMs) {

  /** Validates the fill. */
  public Fill {
    Objects.requireNonNull(tradeId, "tradeId");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(liquidity, "liquidity");
    if (quantity == null || quantity.raw() <= 0) {
      throw new IllegalArgumentException("fill quantity must be positive");
    }
    if (price == null || !price.isPositive()) {
      throw new IllegalArgumentException("fill price must be positive");
    }
  }

  /** The notional {@code price × quantity}. */
  public Money notional() {
    return Money.notional(price, quantity);
  }
}
