package io.perpetua.trading.venue;

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
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.VenueListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic simulated venue. Market orders queue until the first price observation of their
 * instrument ({@link #onPrice}) at least the configured latency after submission, and fill there in
 * full, moved against the taker by the slippage model ({@link SimulatedVenueConfig}), rounded to
 * the tick; they pay the taker fee. Limit orders fill (as maker) when a later price trades through
 * them. Orders for instruments the venue does not list, and duplicate client order ids, are
 * rejected.
 *
 * <p>Because fills happen at the first price after the decision, a decision never trades at a price
 * it already saw (no look-ahead).
 *
 * <p>Tick-driven matching ({@link #onTrade}, used when the kernel steps trades): a market order
 * fills in full at the trade's price moved by the slippage model (taker); a limit order is
 * post-only — one priced through the instrument's last trade at submission is rejected — and fills
 * as maker at its limit when a trade goes through it, at most the traded quantity per trade
 * (partial fills; each order sees the whole trade, there is no queue model). A reduce-only order
 * never increases the venue's position: its fill is clipped to the position, and it expires
 * (cancelled) when the position is already flat or on the other side. Not thread-safe: driven by
 * the kernel thread.
 */
public final class SimulatedVenue implements PriceDrivenVenue {
  private final Map<InstrumentId, Instrument> instruments;
  private final SimulatedVenueConfig config;
  private final Clock clock;
  private final Set<ClientOrderId> seen = new HashSet<>();
  private final Map<ClientOrderId, Order> open = new LinkedHashMap<>();
  private final Map<ClientOrderId, Long> fillableAt = new HashMap<>();
  private final Map<InstrumentId, List<Order>> openByInstrument = new HashMap<>();
  private final Map<ClientOrderId, Quantity> filled = new HashMap<>();
  private final Map<InstrumentId, Double> lastTrade = new HashMap<>();
  private final Map<InstrumentId, Quantity> positions = new HashMap<>();
  private VenueListener listener;

  /** A venue listing {@code instruments}. */
  public SimulatedVenue(
      Map<InstrumentId, Instrument> instruments, SimulatedVenueConfig config, Clock clock) {
    this.instruments = Map.copyOf(instruments);
    this.config = config;
    this.clock = clock;
  }

  @Override
  public void setListener(VenueListener listener) {
    this.listener = listener;
  }

  @Override
  public boolean isSimulated() {
    return true;
  }

  @Override
  public void submit(Order order) {
    long now = clock.nowMillis();
    if (!seen.add(order.clientOrderId())) {
      listener.onRejected(order, "duplicate client order id " + order.clientOrderId(), now);
      return;
    }
    if (!instruments.containsKey(order.instrument())) {
      listener.onRejected(order, "unknown instrument " + order.instrument(), now);
      return;
    }
    Double last = lastTrade.get(order.instrument());
    if (order.type() == OrderType.LIMIT
        && last != null
        && order.side().sign() * (order.limitPrice().toDouble() - last) > 0) {
      listener.onRejected(order, "post-only limit would take liquidity at " + last, now);
      return;
    }
    open.put(order.clientOrderId(), order);
    fillableAt.put(order.clientOrderId(), now + config.latencyMs());
    openByInstrument.computeIfAbsent(order.instrument(), k -> new ArrayList<>()).add(order);
    listener.onAccepted(order, now);
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    Order removed = open.remove(clientOrderId);
    if (removed != null) {
      fillableAt.remove(clientOrderId);
      filled.remove(clientOrderId);
      openByInstrument.get(removed.instrument()).remove(removed);
      listener.onCancelled(clientOrderId, clock.nowMillis());
    }
  }

  @Override
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    if (open.isEmpty() || !(price > 0)) {
      return;
    }
    List<Order> working = openByInstrument.get(instrument);
    if (working == null || working.isEmpty()) {
      return;
    }
    List<Order> done = new ArrayList<>();
    for (Order o : working) {
      if (timeMs >= fillableAt.get(o.clientOrderId()) && reaches(o, price)) {
        done.add(o);
      }
    }
    for (Order o : done) {
      open.remove(o.clientOrderId());
      fillableAt.remove(o.clientOrderId());
      working.remove(o);
      fill(o, price, timeMs);
    }
  }

  private static boolean reaches(Order o, double price) {
    if (o.type() == OrderType.MARKET) {
      return true;
    }
    double limit = o.limitPrice().toDouble();
    return o.side() == OrderSide.BUY ? price < limit : price > limit;
  }

  private void fill(Order o, double price, long timeMs) {
    Instrument inst = instruments.get(o.instrument());
    boolean taker = o.type() == OrderType.MARKET;
    double execution =
        taker
            ? price
                * (1
                    + o.side().sign()
                        * config.slippageBps(price * o.quantity().toDouble())
                        / 10_000.0)
            : o.limitPrice().toDouble();
    Price px = inst.price(execution);
    Money notional = Money.notional(px, o.quantity());
    double feeBps = taker ? config.takerFeeBps() : config.makerFeeBps();
    Money fee = notional.times(feeBps / 10_000.0);
    Fill f =
        new Fill(
            TradeId.of("sim-" + o.clientOrderId().value()),
            o.clientOrderId(),
            o.instrument(),
            o.side(),
            o.quantity(),
            px,
            fee,
            taker ? Liquidity.TAKER : Liquidity.MAKER,
            timeMs);
    move(o, o.quantity());
    listener.onFill(f);
  }

  /**
   * A trade of {@code quantity} at {@code price}: fills the working orders it reaches (see the
   * class comment for the tick-driven rules).
   */
  @Override
  public void onTrade(InstrumentId instrument, double price, double quantity, long timeMs) {
    if (!(price > 0) || !(quantity > 0)) {
      return;
    }
    lastTrade.put(instrument, price);
    List<Order> working = openByInstrument.get(instrument);
    if (working == null || working.isEmpty()) {
      return;
    }
    for (Order o : List.copyOf(working)) {
      if (open.containsKey(o.clientOrderId())
          && timeMs >= fillableAt.get(o.clientOrderId())
          && reaches(o, price)) {
        fillFromTrade(o, price, quantity, timeMs);
      }
    }
  }

  private void fillFromTrade(Order o, double price, double tradeQty, long timeMs) {
    Instrument inst = instruments.get(o.instrument());
    Quantity done = filled.getOrDefault(o.clientOrderId(), Quantity.zero(o.quantity().scale()));
    Quantity rest = o.quantity().minus(done);
    Quantity qty = rest;
    if (o.type() == OrderType.LIMIT) {
      Quantity traded = Quantity.of(tradeQty, rest.scale());
      qty = traded.compareTo(rest) < 0 ? traded : rest;
    }
    if (o.reduceOnly()) {
      Quantity pos = positions.getOrDefault(o.instrument(), Quantity.zero(rest.scale()));
      Quantity reducible =
          pos.signum() == -o.side().sign() ? pos.abs() : Quantity.zero(rest.scale());
      if (reducible.isZero()) {
        remove(o);
        listener.onCancelled(o.clientOrderId(), timeMs);
        return;
      }
      qty = reducible.compareTo(qty) < 0 ? reducible : qty;
    }
    if (qty.isZero()) {
      return;
    }
    boolean taker = o.type() == OrderType.MARKET;
    double execution =
        taker
            ? price * (1 + o.side().sign() * config.slippageBps(price * qty.toDouble()) / 10_000.0)
            : o.limitPrice().toDouble();
    Price px = inst.price(execution);
    Money fee =
        Money.notional(px, qty)
            .times((taker ? config.takerFeeBps() : config.makerFeeBps()) / 10_000.0);
    String trade = "sim-" + o.clientOrderId().value() + (done.isZero() ? "" : "-" + done.raw());
    Quantity after = done.plus(qty);
    boolean complete = after.compareTo(o.quantity()) >= 0;
    if (complete || taker) {
      remove(o);
    } else {
      filled.put(o.clientOrderId(), after);
    }
    move(o, qty);
    listener.onFill(
        new Fill(
            TradeId.of(trade),
            o.clientOrderId(),
            o.instrument(),
            o.side(),
            qty,
            px,
            fee,
            taker ? Liquidity.TAKER : Liquidity.MAKER,
            timeMs));
    if (!complete && taker) {
      // a reduce-only market order clipped to the position: the rest expires
      listener.onCancelled(o.clientOrderId(), timeMs);
    }
  }

  private void remove(Order o) {
    open.remove(o.clientOrderId());
    fillableAt.remove(o.clientOrderId());
    filled.remove(o.clientOrderId());
    openByInstrument.get(o.instrument()).remove(o);
  }

  private void move(Order o, Quantity qty) {
    Quantity signed = o.side() == OrderSide.BUY ? qty : qty.negate();
    positions.merge(o.instrument(), signed, Quantity::plus);
  }

  @Override
  public void resume(Order order, Quantity filledSoFar) {
    if (seen.add(order.clientOrderId()) && instruments.containsKey(order.instrument())) {
      open.put(order.clientOrderId(), order);
      fillableAt.put(order.clientOrderId(), clock.nowMillis());
      filled.put(order.clientOrderId(), filledSoFar);
      openByInstrument.computeIfAbsent(order.instrument(), k -> new ArrayList<>()).add(order);
    }
  }

  /**
   * Sets the venue's position in {@code instrument} (after a restart the simulation starts empty;
   * the kernel hands it the account's positions so reduce-only orders see them).
   */
  @Override
  public void adoptPosition(InstrumentId instrument, Quantity quantity) {
    positions.put(instrument, quantity);
  }
}
