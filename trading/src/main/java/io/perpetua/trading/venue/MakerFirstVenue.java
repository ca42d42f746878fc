package io.perpetua.trading.venue;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Maker-first execution with taker fallback (spec {@code orderflow-and-arbitrage.md} §4.1) as a
 * {@link Venue} decorator: it sits between the {@link AsyncVenueBridge} and a live venue, and the
 * kernel keeps sending market orders.
 *
 * <ol>
 *   <li>A kernel market order becomes a post-only limit under the <b>same client order id</b>,
 *       {@code entry_offset_ticks} on the passive side of the reference price (a buy below, a sell
 *       above). The wrapped venue must send limits post-only (Binance {@code GTX}: {@code
 *       BinanceVenue(..., postOnlyLimits = true, ...)}; the generic venue likewise).
 *   <li>After {@code entry_timeout_ms} the limit is cancelled. When the venue confirms the cancel
 *       (or rejects the post-only limit because it would have taken), the remainder is sent at
 *       market if the price moved against the order by less than {@code
 *       entry_fallback_slippage_bps} since the entry; otherwise the filled part is kept and the
 *       kernel is told the order was cancelled.
 *   <li><b>Idempotency</b>: the fallback's client id is {@code ClientOrderIds.derive(strategy,
 *       <original id>, "mkt")}, so a retry (a second process re-deriving the decision, a repeated
 *       callback) can never send a second market order: the venue refuses the duplicate id. The
 *       cancel→market step runs under a per-position lock and at most once per entry.
 *   <li>The kernel sees one order: the acknowledgement of the original, and every fill (of the
 *       limit or of the fallback) under the original client id.
 * </ol>
 *
 * <p>Orders that are not market orders, and instruments without a reference price, pass through
 * unchanged. KPIs (maker ratio, timeout and fallback rates, friction) are in {@link #kpis()}.
 * Thread-safe: callbacks of the wrapped venue and the timeout timer may run on any thread.
 */
public final class MakerFirstVenue implements Venue, AutoCloseable {
  private final Venue venue;
  private final Map<InstrumentId, Instrument> instruments;
  private final ToDoubleFunction<InstrumentId> referencePrice;
  private final MakerFirstSettings settings;
  private final ScheduledExecutorService timer;
  private final Map<ClientOrderId, Entry> byOrder = new ConcurrentHashMap<>();
  private final Map<ClientOrderId, Entry> byFallback = new ConcurrentHashMap<>();
  private final Map<InstrumentId, Object> positionLocks = new ConcurrentHashMap<>();
  private volatile VenueListener listener;
  // KPI counters (guarded by this)
  private long entries;
  private long makerOnly;
  private long timeouts;
  private long fallbacks;
  private long keptPartial;
  private double makerNotional;
  private double takerNotional;
  private double fees;
  private double slippage;

  private enum State {
    RESTING,
    CANCELLING,
    FALLBACK,
    DONE
  }

  /** One kernel market order in the maker-first state machine (guarded by its position lock). */
  private static final class Entry {
    final Order order;
    final double reference;
    final Object lock;
    State state = State.RESTING;
    BigDecimal filled = BigDecimal.ZERO;
    boolean accepted;
    boolean cancelRequested;
    ScheduledFuture<?> timeout;

    Entry(Order order, double reference, Object lock) {
      this.order = order;
      this.reference = reference;
      this.lock = lock;
    }

    BigDecimal remaining() {
      return order.quantity().toBigDecimal().subtract(filled);
    }
  }

  /**
   * Maker-first execution on {@code venue}.
   *
   * @param instruments the venue's instruments (their tick sizes place the limit)
   * @param referencePrice the current price of an instrument (last or mark); NaN or ≤ 0 when
   *     unknown, and the order then goes out at market unchanged
   */
  public MakerFirstVenue(
      Venue venue,
      Map<InstrumentId, Instrument> instruments,
      ToDoubleFunction<InstrumentId> referencePrice,
      MakerFirstSettings settings) {
    this.venue = venue;
    this.instruments = Map.copyOf(instruments);
    this.referencePrice = referencePrice;
    this.settings = settings;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "maker-first-timer");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
    venue.setListener(new Inbound());
  }

  /** The client id of the market fallback of {@code order} (deterministic). */
  public static ClientOrderId fallbackId(Order order) {
    return ClientOrderIds.derive(order.strategy(), order.clientOrderId().value(), "mkt");
  }

  /** The KPIs so far. */
  public synchronized MakerFirstKpis kpis() {
    return new MakerFirstKpis(
        entries,
        makerOnly,
        timeouts,
        fallbacks,
        keptPartial,
        makerNotional,
        takerNotional,
        fees,
        slippage);
  }

  @Override
  public void setListener(VenueListener listener) {
    this.listener = listener;
  }

  @Override
  public boolean isSimulated() {
    return venue.isSimulated();
  }

  @Override
  public void submit(Order order) {
    Instrument inst = instruments.get(order.instrument());
    double reference = inst == null ? Double.NaN : referencePrice.applyAsDouble(order.instrument());
    if (order.type() != OrderType.MARKET || inst == null || !(reference > 0)) {
      venue.submit(order);
      return;
    }
    double offset = settings.entryOffsetTicks() * inst.tickSize().toDouble();
    boolean buy = order.side() == OrderSide.BUY;
    Price limit = inst.price(buy ? reference - offset : reference + offset);
    if (!limit.isPositive()) {
      venue.submit(order);
      return;
    }
    Object lock = positionLocks.computeIfAbsent(order.instrument(), k -> new Object());
    Entry entry = new Entry(order, reference, lock);
    if (byOrder.putIfAbsent(order.clientOrderId(), entry) != null) {
      venue.submit(order); // a repeated id: the venue refuses it as a duplicate (port contract)
      return;
    }
    synchronized (this) {
      entries++;
    }
    synchronized (lock) {
      entry.timeout =
          timer.schedule(() -> timeout(entry), settings.entryTimeoutMs(), TimeUnit.MILLISECONDS);
    }
    venue.submit(
        new Order(
            order.clientOrderId(),
            order.instrument(),
            order.side(),
            OrderType.LIMIT,
            order.quantity(),
            limit,
            order.reduceOnly(),
            order.strategy(),
            order.rebalanceId(),
            order.createdAtMs()));
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    Entry e = byOrder.get(clientOrderId);
    if (e != null) {
      synchronized (e.lock) {
        e.cancelRequested = true;
      }
    }
    venue.cancel(clientOrderId);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void timeout(Entry e) {
    synchronized (e.lock) {
      if (e.state != State.RESTING) {
        return;
      }
      e.state = State.CANCELLING;
    }
    synchronized (this) {
      timeouts++;
    }
    venue.cancel(e.order.clientOrderId());
  }

  /** The limit ended (cancelled or refused) with a remainder: fall back to market, or keep. */
  private void limitEnded(Entry e, String rejection, long timeMs) {
    Order fallback = null;
    synchronized (e.lock) {
      if (e.state != State.RESTING && e.state != State.CANCELLING) {
        return; // the cancel→market step runs once per entry
      }
      if (e.timeout != null) {
        e.timeout.cancel(false);
      }
      BigDecimal remaining = e.remaining();
      if (remaining.signum() <= 0) {
        e.state = State.DONE;
        return;
      }
      if (!e.cancelRequested && adverseMoveBps(e) < settings.entryFallbackSlippageBps()) {
        e.state = State.FALLBACK;
        ClientOrderId id = fallbackId(e.order);
        fallback =
            new Order(
                id,
                e.order.instrument(),
                e.order.side(),
                OrderType.MARKET,
                Quantity.of(remaining, e.order.quantity().scale()),
                null,
                e.order.reduceOnly(),
                e.order.strategy(),
                e.order.rebalanceId(),
                e.order.createdAtMs());
        byFallback.put(id, e);
      } else {
        e.state = State.DONE;
      }
    }
    if (fallback != null) {
      synchronized (this) {
        fallbacks++;
      }
      venue.submit(fallback);
      return;
    }
    synchronized (this) {
      keptPartial++;
    }
    if (e.filled.signum() == 0 && rejection != null && !e.accepted) {
      listener.onRejected(e.order, rejection, timeMs);
    } else {
      listener.onCancelled(e.order.clientOrderId(), timeMs);
    }
  }

  /** How far (bps) the price moved against the order since the entry (negative: in its favour). */
  private double adverseMoveBps(Entry e) {
    double now = referencePrice.applyAsDouble(e.order.instrument());
    if (!(now > 0)) {
      return Double.POSITIVE_INFINITY; // no price: do not take blindly
    }
    double move = (now - e.reference) / e.reference * 1e4;
    return e.order.side() == OrderSide.BUY ? move : -move;
  }

  private void filled(Entry e, Fill fill) {
    boolean complete;
    boolean makerOnlyEntry;
    synchronized (e.lock) {
      e.filled = e.filled.add(fill.quantity().toBigDecimal());
      complete = e.remaining().signum() <= 0 && e.state != State.DONE;
      makerOnlyEntry = complete && e.state != State.FALLBACK;
      if (complete) {
        if (e.timeout != null) {
          e.timeout.cancel(false);
        }
        e.state = State.DONE;
      }
    }
    double notional = fill.notional().toDouble();
    double sign = fill.side() == OrderSide.BUY ? 1 : -1;
    synchronized (this) {
      if (fill.liquidity() == Liquidity.MAKER) {
        makerNotional += notional;
      } else {
        takerNotional += notional;
      }
      fees += fill.fee().toDouble();
      slippage += sign * (fill.price().toDouble() - e.reference) * fill.quantity().toDouble();
      if (makerOnlyEntry) {
        makerOnly++;
      }
    }
    listener.onFill(
        new Fill(
            fill.tradeId(),
            e.order.clientOrderId(),
            fill.instrument(),
            fill.side(),
            fill.quantity(),
            fill.price(),
            fill.fee(),
            fill.liquidity(),
            fill.timeMs()));
  }

  private void acknowledge(Entry e, long timeMs) {
    synchronized (e.lock) {
      if (e.accepted) {
        return;
      }
      e.accepted = true;
    }
    listener.onAccepted(e.order, timeMs);
  }

  /** Callbacks of the wrapped venue: entries are translated, anything else passes through. */
  private final class Inbound implements VenueListener {
    @Override
    public void onAccepted(Order order, long timeMs) {
      Entry e = entryOf(order.clientOrderId());
      if (e == null) {
        listener.onAccepted(order, timeMs);
      } else {
        acknowledge(e, timeMs);
      }
    }

    @Override
    public void onFill(Fill fill) {
      Entry e = entryOf(fill.clientOrderId());
      if (e == null) {
        listener.onFill(fill);
      } else {
        filled(e, fill);
      }
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      Entry e = byOrder.get(order.clientOrderId());
      if (e != null && order.type() == OrderType.MARKET) {
        listener.onRejected(order, reason, timeMs); // a duplicate submission of the kernel's id
      } else if (e != null) {
        limitEnded(e, reason, timeMs);
      } else if ((e = byFallback.get(order.clientOrderId())) != null) {
        fallbackEnded(e, reason, timeMs);
      } else {
        listener.onRejected(order, reason, timeMs);
      }
    }

    @Override
    public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      Entry e = byOrder.get(clientOrderId);
      if (e != null) {
        limitEnded(e, null, timeMs);
      } else if ((e = byFallback.get(clientOrderId)) != null) {
        fallbackEnded(e, null, timeMs);
      } else {
        listener.onCancelled(clientOrderId, timeMs);
      }
    }
  }

  /** The market fallback ended without filling the remainder (refused or cancelled). */
  private void fallbackEnded(Entry e, String rejection, long timeMs) {
    synchronized (e.lock) {
      if (e.state == State.DONE) {
        return;
      }
      e.state = State.DONE;
    }
    if (e.filled.signum() == 0 && rejection != null) {
      listener.onRejected(e.order, rejection, timeMs);
    } else {
      listener.onCancelled(e.order.clientOrderId(), timeMs);
    }
  }

  private Entry entryOf(ClientOrderId id) {
    Entry e = byOrder.get(id);
    return e != null ? e : byFallback.get(id);
  }
}
