package io.perpetua.server;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.port.VenueOpenOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A venue filling marketable limits at once at 50,000 (no book), with a 10,000 USDT wallet. */
final class ControlToyVenue implements Venue, VenueAccount {
  private VenueListener listener;
  private BigDecimal position = BigDecimal.ZERO;
  private final List<Order> accepted = new ArrayList<>();
  private int trades;

  @Override
  public synchronized void setListener(VenueListener l) {
    listener = l;
  }

  @Override
  public synchronized void submit(Order o) {
    BigDecimal price = new BigDecimal("50000");
    BigDecimal limit = o.limitPrice().toBigDecimal();
    boolean takes =
        o.side() == OrderSide.BUY ? limit.compareTo(price) >= 0 : limit.compareTo(price) <= 0;
    if (!takes) {
      listener.onRejected(o, "would rest", 0);
      return;
    }
    accepted.add(o);
    listener.onAccepted(o, 0);
    BigDecimal q = o.quantity().toBigDecimal();
    position = o.side() == OrderSide.BUY ? position.add(q) : position.subtract(q);
    listener.onFill(
        new Fill(
            TradeId.of("t" + ++trades),
            o.clientOrderId(),
            o.instrument(),
            o.side(),
            o.quantity(),
            Price.of(price, 1),
            Money.of(q.multiply(price).multiply(new BigDecimal("0.0004"))),
            Liquidity.TAKER,
            0));
  }

  @Override
  public void cancel(ClientOrderId id) {}

  @Override
  public boolean isSimulated() {
    return false;
  }

  synchronized BigDecimal position(String symbol) {
    return position;
  }

  synchronized void setPosition(String symbol, BigDecimal q) {
    position = q;
  }

  synchronized List<Order> accepted() {
    return List.copyOf(accepted);
  }

  @Override
  public synchronized Map<InstrumentId, BigDecimal> positions() {
    return Map.of(InstrumentId.usdtPerp("BTC"), position);
  }

  @Override
  public List<VenueOpenOrder> openOrders() {
    return List.of();
  }

  @Override
  public void cancelOrder(VenueOpenOrder order) {}

  @Override
  public Money balance() {
    return Money.of(10_000);
  }
}
