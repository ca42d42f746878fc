package io.perpetua.trading.venue;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
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
 * it already saw (no look-ahead). Not thread-safe: driven by the kernel thread.
 */
public final class SimulatedVenue implements PriceDrivenVenue {
  private final Map<InstrumentId, Instrument> instruments;
  private final SimulatedVenueConfig config;
  private final Clock clock;
  private final Set<ClientOrderId> seen = new HashSet<>();
  private final Map<ClientOrderId, Order> open = new LinkedHashMap<>();
  private final Map<ClientOrderId, Long> fillableAt = new HashMap<>();
  private final Map<InstrumentId, List<Order>> openByInstrument = new HashMap<>();
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
    listener.onFill(f);
  }
}
