package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Order;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.account.CrossMargin;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.risk.OrderContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The portfolio an order is checked against, in fixed point: by instrument index, the account's
 * positions plus the unfilled part of the orders still working (projected quantities), their
 * notional at the marks, and the gross exposure. Orders checked one after another {@link #add}
 * themselves, so each one's context includes those intended before it. Mutable, kernel thread.
 */
final class Exposure {
  private final Price[] prices;
  private final Quantity[] projected;
  private Money gross;

  Exposure(Price[] prices, Quantity[] projected) {
    this.prices = prices;
    this.projected = projected;
    Money g = Money.ZERO;
    for (int i = 0; i < prices.length; i++) {
      if (!projected[i].isZero() && prices[i] != null) {
        g = g.plus(Money.notional(prices[i], projected[i].abs()));
      }
    }
    this.gross = g;
  }

  /** The context of {@code order} on instrument {@code i} (mark and mark time as given). */
  OrderContext context(Order order, int i, long markTimeMs, long nowMs, Money equity) {
    Price mark = prices[i];
    Quantity after = projected[i].plus(order.signedQuantity());
    Money before = mark == null ? Money.ZERO : Money.notional(mark, projected[i]);
    Money notionalAfter = mark == null ? Money.ZERO : Money.notional(mark, after);
    Money grossAfter = gross.minus(before.abs()).plus(notionalAfter.abs());
    return new OrderContext(
        mark, markTimeMs, nowMs, equity, before, notionalAfter, gross, grossAfter);
  }

  /** Counts {@code order} (checked with {@code ctx}) as working from now on. */
  void add(Order order, int i, OrderContext ctx) {
    projected[i] = projected[i].plus(order.signedQuantity());
    gross = ctx.grossAfter();
  }

  /** The account's position quantity in {@code instrument} (zero when flat). */
  static Quantity positionOf(Account account, Instrument instrument) {
    var pos = account.position(instrument.id());
    return pos == null ? Quantity.zero(instrument.quantityScale()) : pos.quantity();
  }

  /** Position quantities by instrument index plus the unfilled part of the working orders. */
  static Quantity[] projected(
      Account account,
      List<Instrument> instruments,
      Map<InstrumentId, Integer> index,
      Collection<OrderRecord> working) {
    Quantity[] q = new Quantity[instruments.size()];
    for (int i = 0; i < q.length; i++) {
      q[i] = positionOf(account, instruments.get(i));
    }
    for (OrderRecord r : working) {
      Order o = r.order();
      Quantity remaining = r.remainingQuantity();
      int i = index.get(o.instrument());
      q[i] = o.side().sign() > 0 ? q[i].plus(remaining) : q[i].minus(remaining);
    }
    return q;
  }

  /**
   * Notional of the working orders that margin is reserved for: unfilled quantity that opens or
   * adds to a position ({@link CrossMargin#openingQuantity}), at the limit price or else the mark;
   * reduce-only orders reserve nothing.
   */
  static Money openOrderNotional(
      Account account,
      List<Instrument> instruments,
      Map<InstrumentId, Integer> index,
      Collection<OrderRecord> working,
      Marks marks) {
    Money sum = Money.ZERO;
    for (OrderRecord r : working) {
      Order o = r.order();
      if (o.reduceOnly()) {
        continue;
      }
      int i = index.get(o.instrument());
      Instrument instrument = instruments.get(i);
      Price price = o.limitPrice() != null ? o.limitPrice() : marks.priceOf(i, instrument);
      if (price != null && price.isPositive()) {
        Quantity remaining = r.remainingQuantity();
        Quantity signed = o.side().sign() > 0 ? remaining : remaining.negate();
        sum =
            sum.plus(
                Money.notional(
                    price, CrossMargin.openingQuantity(positionOf(account, instrument), signed)));
      }
    }
    return sum;
  }
}
