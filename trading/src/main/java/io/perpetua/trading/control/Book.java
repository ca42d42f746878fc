package io.perpetua.trading.control;

import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * An order-book snapshot of one instrument on one account's venue: bids best first, asks best
 * first. Used for marks (the mid) and slippage estimates. Immutable.
 *
 * @param bids bid levels, best (highest) first, at least one
 * @param asks ask levels, best (lowest) first, at least one
 * @param timeMs when it was seen, epoch ms
 */
public record Book(List<Level> bids, List<Level> asks, long timeMs) {
  private static final MathContext MC = MathContext.DECIMAL64;

  /** One price level. */
  public record Level(BigDecimal price, BigDecimal quantity) {
    /** Validates the level. */
    public Level {
      if (price == null || price.signum() <= 0 || quantity == null || quantity.signum() < 0) {
        throw new IllegalArgumentException("book level needs a positive price: " + price);
      }
    }
  }

  /** Validates the book. */
  public Book {
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
    if (bids.isEmpty() || asks.isEmpty()) {
      throw new IllegalArgumentException("a book needs a bid and an ask");
    }
  }

  /** A one-level book (a {@code bookTicker}). */
  public static Book top(BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty) {
    return new Book(List.of(new Level(bid, bidQty)), List.of(new Level(ask, askQty)), 0);
  }

  /** The mid price. */
  public BigDecimal mid() {
    return bids.get(0).price().add(asks.get(0).price()).divide(BigDecimal.TWO, MC);
  }

  /**
   * The average price of taking {@code quantity} on {@code side} (a buy walks the asks); what lies
   * beyond the book is priced at the last level.
   */
  public BigDecimal averagePrice(OrderSide side, BigDecimal quantity) {
    List<Level> levels = side == OrderSide.BUY ? asks : bids;
    if (quantity.signum() <= 0) {
      return levels.get(0).price();
    }
    BigDecimal left = quantity;
    BigDecimal cost = BigDecimal.ZERO;
    for (Level l : levels) {
      BigDecimal take = left.min(l.quantity());
      cost = cost.add(take.multiply(l.price()));
      left = left.subtract(take);
      if (left.signum() <= 0) {
        break;
      }
    }
    if (left.signum() > 0) {
      cost = cost.add(left.multiply(levels.get(levels.size() - 1).price()));
    }
    return cost.divide(quantity, MC);
  }
}
