package io.perpetua.trading.testing;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory venue answering at once: market orders fill at the current price (taker, 5 bp),
 * limits rest until {@link #trade} reaches them (maker, 2 bp) and are refused when they would take
 * (post-only); a client id seen before is refused as a duplicate; a reduce-only order that would
 * not reduce the position, or would reduce it by more than it holds, is refused (Binance {@code
 * -2022}) and a resting one never fills beyond the position; while {@link #down} every order is
 * refused as unreachable; with {@link #duplicateCallbacks} every answer is delivered twice.
 * Thread-safe.
 */
public final class ScriptedVenue implements Venue {
  private final List<Order> accepted = new ArrayList<>();
  private final List<ClientOrderId> cancels = new ArrayList<>();
  private final Map<String, BigDecimal> positions = new LinkedHashMap<>();
  private final Set<ClientOrderId> seen = new HashSet<>();
  private final Map<ClientOrderId, Order> resting = new LinkedHashMap<>();
  private final Map<ClientOrderId, BigDecimal> restingFilled = new LinkedHashMap<>();
  private VenueListener listener;
  private double price;
  private long trades;
  private volatile boolean down;
  private volatile boolean twice;

  /** A venue whose market orders fill at {@code price} until it changes. */
  public ScriptedVenue(double price) {
    this.price = price;
  }

  /** While true, every order is refused as unreachable. */
  public void down(boolean value) {
    down = value;
  }

  /** While true, every acknowledgement, fill, rejection and cancel is reported twice. */
  public void duplicateCallbacks(boolean value) {
    twice = value;
  }

  @Override
  public synchronized void setListener(VenueListener target) {
    this.listener =
        new VenueListener() {
          @Override
          public void onAccepted(Order order, long timeMs) {
            for (int i = twice ? 2 : 1; i > 0; i--) {
              target.onAccepted(order, timeMs);
            }
          }

          @Override
          public void onFill(Fill fill) {
            for (int i = twice ? 2 : 1; i > 0; i--) {
              target.onFill(fill);
            }
          }

          @Override
          public void onRejected(Order order, String reason, long timeMs) {
            for (int i = twice ? 2 : 1; i > 0; i--) {
              target.onRejected(order, reason, timeMs);
            }
          }

          @Override
          public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
            for (int i = twice ? 2 : 1; i > 0; i--) {
              target.onCancelled(clientOrderId, timeMs);
            }
          }
        };
  }

  /** The orders resting (limits not filled completely nor cancelled), oldest first. */
  public synchronized List<Order> resting() {
    return List.copyOf(resting.values());
  }

  @Override
  public boolean isSimulated() {
    return false;
  }

  /** The orders accepted, in order. */
  public synchronized List<Order> accepted() {
    return List.copyOf(accepted);
  }

  /** The cancels asked for, in order. */
  public synchronized List<ClientOrderId> cancels() {
    return List.copyOf(cancels);
  }

  /** The position of {@code symbol} (venue symbol) after every fill. */
  public synchronized BigDecimal position(String symbol) {
    return positions.getOrDefault(symbol, BigDecimal.ZERO);
  }

  /** Sets a position behind everyone's back (a manual trade). */
  public synchronized void setPosition(String symbol, BigDecimal quantity) {
    positions.put(symbol, quantity);
  }

  @Override
  public synchronized void submit(Order order) {
    if (down) {
      listener.onRejected(order, "venue unreachable: HTTP 503", now());
      return;
    }
    if (!seen.add(order.clientOrderId())) {
      listener.onRejected(order, "duplicate client order id " + order.clientOrderId(), now());
      return;
    }
    if (order.reduceOnly() && reducible(order).compareTo(order.quantity().toBigDecimal()) < 0) {
      listener.onRejected(order, "-2022 ReduceOnly Order is rejected.", now());
      return;
    }
    if (order.type() == OrderType.LIMIT) {
      double limit = order.limitPrice().toDouble();
      boolean takes = order.side() == OrderSide.BUY ? limit >= price : limit <= price;
      if (takes) {
        listener.onRejected(order, "post-only order would have taken liquidity", now());
        return;
      }
      accepted.add(order);
      listener.onAccepted(order, now());
      resting.put(order.clientOrderId(), order);
      restingFilled.put(order.clientOrderId(), BigDecimal.ZERO);
      return;
    }
    accepted.add(order);
    listener.onAccepted(order, now());
    fill(order, order.quantity().toBigDecimal(), price, Liquidity.TAKER);
  }

  @Override
  public synchronized void cancel(ClientOrderId clientOrderId) {
    cancels.add(clientOrderId);
    if (resting.remove(clientOrderId) != null) {
      listener.onCancelled(clientOrderId, now());
    }
  }

  /** A print at {@code at} of up to {@code qty}: fills resting limits it reaches, as maker. */
  public synchronized void trade(double at, double qty) {
    price = at;
    BigDecimal available = BigDecimal.valueOf(qty);
    for (Order o : new ArrayList<>(resting.values())) {
      double limit = o.limitPrice().toDouble();
      boolean reached = o.side() == OrderSide.BUY ? at <= limit : at >= limit;
      if (!reached || available.signum() <= 0) {
        continue;
      }
      BigDecimal rest = o.quantity().toBigDecimal().subtract(restingFilled.get(o.clientOrderId()));
      BigDecimal q = rest.min(available);
      if (o.reduceOnly()) {
        q = q.min(reducible(o));
        if (q.signum() <= 0) {
          continue; // nothing to reduce
        }
      }
      available = available.subtract(q);
      restingFilled.merge(o.clientOrderId(), q, BigDecimal::add);
      if (q.compareTo(rest) == 0) {
        resting.remove(o.clientOrderId());
      }
      fill(o, q, limit, Liquidity.MAKER);
    }
  }

  /** How much of the position {@code o} may reduce (0 when it would not reduce it). */
  private BigDecimal reducible(Order o) {
    BigDecimal pos = positions.getOrDefault(o.instrument().venueSymbol(), BigDecimal.ZERO);
    BigDecimal held = o.side() == OrderSide.SELL ? pos : pos.negate();
    return held.max(BigDecimal.ZERO);
  }

  /** The price market orders fill at from now on. */
  public synchronized void price(double at) {
    price = at;
  }

  private void fill(Order o, BigDecimal qty, double at, Liquidity liquidity) {
    String symbol = o.instrument().venueSymbol();
    positions.merge(
        symbol,
        o.side() == OrderSide.BUY ? qty : qty.negate(),
        (a, b) -> a.add(b).stripTrailingZeros());
    double rate = liquidity == Liquidity.MAKER ? 0.0002 : 0.0005;
    listener.onFill(
        new Fill(
            TradeId.of("T" + ++trades),
            o.clientOrderId(),
            o.instrument(),
            o.side(),
            Quantity.of(qty, o.quantity().scale()),
            Price.of(at, 1),
            Money.of(at * qty.doubleValue() * rate),
            liquidity,
            now()));
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
