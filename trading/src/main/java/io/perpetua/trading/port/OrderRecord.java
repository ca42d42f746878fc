package io.perpetua.trading.port;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderStatus;
import java.util.Objects;

/**
 * An order with its current execution state, as journaled. Every amount is fixed-point: the filled
 * quantity has the order quantity's scale, the average fill price has {@link #AVERAGE_PRICE_SCALE}
 * decimals (exact for every fill price of up to that many decimals).
 *
 * <p>Immutable and thread-safe.
 *
 * @param order the order as decided
 * @param status current status
 * @param filledQuantity filled so far, at the order quantity's scale, never negative
 * @param averageFillPrice quantity-weighted average fill price, zero when nothing filled
 * @param fee total fee paid
 * @param rejectReason why it was rejected, or null
 * @param dryRun true when no real venue was involved (paper/backtest)
 * @param updatedAtMs kernel time of the last change
 */
public record OrderRecord(
    Order order,
    OrderStatus status,
    Quantity filledQuantity,
    Price averageFillPrice,
    Money fee,
    String rejectReason,
    boolean dryRun,
    long updatedAtMs) {

  /** Decimals of {@link #averageFillPrice()}: those of {@link Money}. */
  public static final int AVERAGE_PRICE_SCALE = Money.SCALE;

  /** The average price of a record with no fill. */
  public static final Price NO_FILL_PRICE = new Price(0, AVERAGE_PRICE_SCALE);

  /** Validates: the filled quantity on the order's scale and not negative, a non-negative price. */
  public OrderRecord {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(filledQuantity, "filledQuantity");
    Objects.requireNonNull(averageFillPrice, "averageFillPrice");
    Objects.requireNonNull(fee, "fee");
    if (filledQuantity.scale() != order.quantity().scale() || filledQuantity.signum() < 0) {
      throw new IllegalArgumentException(
          "filled quantity " + filledQuantity + " does not fit order " + order.quantity());
    }
    if (averageFillPrice.raw() < 0) {
      throw new IllegalArgumentException("negative average fill price " + averageFillPrice);
    }
  }

  /** A record of {@code order} with nothing filled and no fee. */
  public static OrderRecord unfilled(
      Order order, OrderStatus status, String rejectReason, boolean dryRun, long updatedAtMs) {
    return new OrderRecord(
        order,
        status,
        Quantity.zero(order.quantity().scale()),
        NO_FILL_PRICE,
        Money.ZERO,
        rejectReason,
        dryRun,
        updatedAtMs);
  }

  /** The quantity still to fill (zero once filled; never negative). */
  public Quantity remainingQuantity() {
    Quantity rest = order.quantity().minus(filledQuantity);
    return rest.signum() < 0 ? Quantity.zero(rest.scale()) : rest;
  }

  /** True once the filled quantity reaches the order quantity (exact comparison). */
  public boolean isCompletelyFilled() {
    return filledQuantity.compareTo(order.quantity()) >= 0;
  }

  /**
   * The average after one more fill of {@code quantity} at {@code price}: {@code (average × filled
   * + price × quantity) / (filled + quantity)}, rounded half-even to {@link #AVERAGE_PRICE_SCALE}
   * decimals. The first fill's price is taken as it is.
   */
  public Price averageAfter(Price price, Quantity quantity) {
    if (filledQuantity.isZero()) {
      return new Price(
          io.perpetua.core.FixedPoint.rescale(price.raw(), price.scale(), AVERAGE_PRICE_SCALE),
          AVERAGE_PRICE_SCALE);
    }
    Quantity total = filledQuantity.plus(quantity);
    Money notional =
        Money.notional(averageFillPrice, filledQuantity).plus(Money.notional(price, quantity));
    long raw =
        notional.fraction(io.perpetua.core.FixedPoint.pow10(total.scale()), total.raw()).raw();
    return new Price(raw, AVERAGE_PRICE_SCALE);
  }
}
