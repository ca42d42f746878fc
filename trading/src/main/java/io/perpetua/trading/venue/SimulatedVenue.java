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
 * <p>Tick-driven matching ({@link #onTrade}, used when the kernel steps trades): without latency a
 * market order meets the book at submission — the instrument's last trade, moved by the slippage
 * model (taker) — and, as from a real venue, the fill is reported after a round trip: with the next
 * trade of any instrument. A cancel takes the order off the book at once and is confirmed the same
 * way, and a refusal (a post-only limit that would take, a duplicate id) comes the same way. (The
 * kernel therefore decides on confirmed state only, and a run over this venue makes the same
 * decisions as one over the fake Binance behind the kernel's asynchronous bridge.) With a latency,
 * a market order fills at the first trade of its instrument at least the latency later. A limit
 * order is post-only — one priced through the instrument's last trade at submission (or at it, with
 * {@link SimulatedVenueConfig.LimitMatching#TOUCH}) is rejected — and fills as maker at its limit
 * when a later trade goes through it, at most the traded quantity per trade (partial fills; each
 * order sees the whole trade, there is no queue model), or, with {@code TOUCH}, in full when a
 * later trade reaches it. With a price band, a limit priced further from the last trade is refused
 * (Binance's PERCENT_PRICE). A reduce-only order never increases the venue's position: its fill is
 * clipped to the position, and it expires (cancelled) when the position is already flat or on the
 * other side. Not thread-safe: driven by the kernel thread.
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
  // tick-driven answers after a round trip, reported in order with the next trade (any instrument)
  private final List<Answer> answers = new ArrayList<>();
  private VenueListener listener;

  /**
   * A market order's fill at the book it met ({@code bookPrice}), a refusal ({@code refused} with
   * its reason) or a cancel's confirmation (neither).
   */
  private record Answer(ClientOrderId id, double bookPrice, Order refused, String reason) {}

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
    Double last = lastTrade.get(order.instrument());
    if (!seen.add(order.clientOrderId())) {
      reject(order, "duplicate client order id " + order.clientOrderId(), last != null, now);
      return;
    }
    if (!instruments.containsKey(order.instrument())) {
      listener.onRejected(order, "unknown instrument " + order.instrument(), now);
      return;
    }
    if (order.type() == OrderType.LIMIT && last != null && outsideBand(order, last)) {
      reject(order, "PERCENT_PRICE: limit more than the band from " + last, true, now);
      return;
    }
    if (order.type() == OrderType.LIMIT && last != null && takes(order, last)) {
      reject(order, "post-only limit would take liquidity at " + last, true, now);
      return;
    }
    open.put(order.clientOrderId(), order);
    fillableAt.put(order.clientOrderId(), now + config.latencyMs());
    if (order.type() == OrderType.MARKET && last != null && config.latencyMs() == 0) {
      answers.add(new Answer(order.clientOrderId(), last, null, null)); // meets the book now
    } else {
      openByInstrument.computeIfAbsent(order.instrument(), k -> new ArrayList<>()).add(order);
    }
    listener.onAccepted(order, now);
  }

  /** Refuses {@code order}: after a round trip when {@code tickDriven}, else at once. */
  private void reject(Order order, String reason, boolean tickDriven, long now) {
    if (tickDriven) {
      answers.add(new Answer(order.clientOrderId(), Double.NaN, order, reason));
    } else {
      listener.onRejected(order, reason, now);
    }
  }

  /** Whether a limit is priced further from {@code last} (the last trade) than the band. */
  private boolean outsideBand(Order limit, double last) {
    double band = config.priceBand();
    double price = limit.limitPrice().toDouble();
    return band > 0 && (price > last * (1 + band) || price < last * (1 - band));
  }

  /** Whether a limit at {@code last} (the last trade) would take liquidity. */
  private boolean takes(Order limit, double last) {
    double through = limit.side().sign() * (limit.limitPrice().toDouble() - last);
    return touch() ? through >= 0 : through > 0;
  }

  private boolean touch() {
    return config.limitMatching() == SimulatedVenueConfig.LimitMatching.TOUCH;
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    Order removed = open.get(clientOrderId);
    if (removed != null) {
      remove(removed);
      if (lastTrade.containsKey(removed.instrument())) {
        answers.add(new Answer(clientOrderId, Double.NaN, null, null)); // confirmed after a trip
      } else {
        listener.onCancelled(clientOrderId, clock.nowMillis());
      }
    }
  }

  /** Reports the answers due since the last trade, in the order they arose. */
  private void deliverAnswers(long timeMs) {
    if (answers.isEmpty()) {
      return;
    }
    List<Answer> due = List.copyOf(answers);
    answers.clear();
    for (Answer a : due) {
      if (a.refused() != null) {
        listener.onRejected(a.refused(), a.reason(), timeMs);
      } else if (Double.isNaN(a.bookPrice())) {
        listener.onCancelled(a.id(), timeMs);
      } else {
        Order o = open.get(a.id());
        if (o != null) {
          fillFromTrade(o, a.bookPrice(), 0, timeMs);
        }
      }
    }
  }

  @Override
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    if (price > 0) {
      deliverAnswers(timeMs);
    }
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
    List<Order> working = openByInstrument.get(instrument);
    // the orders resting before this trade: one placed on an answer below comes after it
    List<Order> resting = working == null || working.isEmpty() ? List.of() : List.copyOf(working);
    lastTrade.put(instrument, price);
    deliverAnswers(timeMs);
    for (Order o : resting) {
      if (open.containsKey(o.clientOrderId())
          && timeMs >= fillableAt.get(o.clientOrderId())
          && (touch() && o.type() == OrderType.LIMIT ? touches(o, price) : reaches(o, price))) {
        fillFromTrade(o, price, quantity, timeMs);
      }
    }
  }

  private static boolean touches(Order limit, double price) {
    double l = limit.limitPrice().toDouble();
    return limit.side() == OrderSide.BUY ? price <= l : price >= l;
  }

  private void fillFromTrade(Order o, double price, double tradeQty, long timeMs) {
    Instrument inst = instruments.get(o.instrument());
    Quantity done = filled.getOrDefault(o.clientOrderId(), Quantity.zero(o.quantity().scale()));
    Quantity rest = o.quantity().minus(done);
    Quantity qty = rest;
    if (o.type() == OrderType.LIMIT && !touch()) {
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
    List<Order> working = openByInstrument.get(o.instrument());
    if (working != null) {
      working.remove(o);
    }
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
