package io.perpetua.venue.generic;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's {@link Venue} port on the {@link GenericExchange}: the venue's symbols ({@code
 * BTC-PERP}), ids, fees and partial fills are translated to the platform's records. Like a real
 * adapter it is asynchronous: {@link #submit} and {@link #cancel} return at once, and the
 * exchange's answers reach the listener on the venue's own thread, in order.
 *
 * <ul>
 *   <li>{@code LIMIT} orders are sent post-only when the venue is built with {@code
 *       postOnlyLimits}; a post-only limit that would take is reported as rejected ({@code
 *       post_only_would_take}).
 *   <li>A client order id seen before is rejected ({@code duplicate client order id}) and never
 *       reaches the exchange (the port's contract); the exchange refuses duplicates as well. An id
 *       an earlier session placed (before a restart) is looked up first and <b>adopted</b>: its
 *       acceptance, trades and end are reported from the exchange's record, nothing is placed.
 *   <li>Fills carry the venue's trade id and its fee (negative for the maker rebate).
 *   <li>While the exchange is unreachable, an order is rejected as {@code venue_unreachable}.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class GenericVenue implements Venue, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GenericVenue.class);

  private final GenericExchange exchange;
  private final boolean postOnlyLimits;
  private final Clock clock;
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Map<InstrumentId, Instrument> instruments = new TreeMap<>();
  private volatile Thread venueThread;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "generic-venue");
            t.setDaemon(true);
            venueThread = t;
            return t;
          });
  private volatile VenueListener listener;

  /**
   * A session on {@code exchange}.
   *
   * @param postOnlyLimits send limit orders as post-only
   * @param clock time of acknowledgements and cancellations
   */
  public GenericVenue(GenericExchange exchange, boolean postOnlyLimits, Clock clock) {
    this.exchange = exchange;
    this.postOnlyLimits = postOnlyLimits;
    this.clock = clock;
    for (GenericListing l : exchange.listings()) {
      InstrumentId id = GenericSymbols.parse(l.symbol());
      instruments.put(
          id,
          new Instrument(
              id,
              Price.of(l.tickSize(), l.tickSize().scale()),
              Quantity.of(l.stepSize(), l.stepSize().scale()),
              Money.of(l.minNotional())));
    }
    // answers to the venue thread's own calls are delivered at once (in order, before anything
    // queued after the call); prints from other threads queue their fills
    exchange.setSink(
        e -> {
          if (Thread.currentThread() == venueThread) {
            deliver(e);
          } else {
            thread.execute(() -> deliver(e));
          }
        });
  }

  /** The listed instruments with the venue's filters, by platform id. */
  public Map<InstrumentId, Instrument> instruments() {
    return Map.copyOf(instruments);
  }

  @Override
  public void setListener(VenueListener listener) {
    this.listener = listener;
  }

  @Override
  public boolean isSimulated() {
    return false;
  }

  @Override
  public void submit(Order order) {
    String id = order.clientOrderId().value();
    if (!seen.add(id)) {
      thread.execute(
          () -> listener.onRejected(order, "duplicate client order id", clock.nowMillis()));
      return;
    }
    orders.put(id, order);
    GenericOrderRequest request =
        new GenericOrderRequest(
            id,
            GenericSymbols.of(order.instrument()),
            order.side() == OrderSide.BUY,
            order.quantity().toBigDecimal(),
            order.type() == OrderType.LIMIT ? order.limitPrice().toBigDecimal() : null,
            order.type() == OrderType.LIMIT && postOnlyLimits,
            order.reduceOnly());
    thread.execute(
        () -> {
          try {
            List<GenericEvent> earlier = exchange.history(id);
            if (earlier.isEmpty()) {
              exchange.place(request);
            } else {
              LOG.info("order {} was placed by an earlier session: adopted", id);
              earlier.forEach(this::deliver);
            }
          } catch (GenericUnavailableException e) {
            listener.onRejected(order, "venue_unreachable", clock.nowMillis());
          }
        });
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    thread.execute(
        () -> {
          try {
            exchange.cancel(clientOrderId.value());
          } catch (GenericUnavailableException e) {
            LOG.warn("cancel of {} not sent: {}", clientOrderId, e.getMessage());
          }
        });
  }

  /** Waits until every answer queued so far has been delivered. */
  public void awaitIdle(long timeoutMs) throws InterruptedException {
    var done = new java.util.concurrent.CountDownLatch(1);
    thread.execute(done::countDown);
    if (!done.await(timeoutMs, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("generic venue busy after " + timeoutMs + " ms");
    }
  }

  private void deliver(GenericEvent e) {
    Order order = orders.get(e.clientId());
    if (order == null) {
      LOG.info("event for an order this session did not place ignored: {}", e);
      return;
    }
    long now = clock.nowMillis();
    switch (e) {
      case GenericEvent.Accepted a -> listener.onAccepted(order, now);
      case GenericEvent.Rejected r -> listener.onRejected(order, r.reason(), now);
      case GenericEvent.Cancelled c -> listener.onCancelled(order.clientOrderId(), now);
      case GenericEvent.Traded t -> listener.onFill(toFill(order, t));
    }
  }

  private Fill toFill(Order order, GenericEvent.Traded t) {
    Instrument inst = instruments.get(order.instrument());
    return new Fill(
        TradeId.of(t.tradeId()),
        order.clientOrderId(),
        order.instrument(),
        t.buy() ? OrderSide.BUY : OrderSide.SELL,
        Quantity.of(t.quantity(), inst.quantityScale()),
        Price.of(t.price(), Math.max(inst.priceScale(), t.price().scale())),
        Money.of(t.fee()),
        t.maker() ? Liquidity.MAKER : Liquidity.TAKER,
        t.timeMs());
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
