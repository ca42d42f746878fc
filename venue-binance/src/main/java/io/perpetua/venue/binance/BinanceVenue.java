package io.perpetua.venue.binance;

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
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.venue.binance.order.NewOrderRequest;
import io.perpetua.venue.binance.order.SymbolFilters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Venue} port on Binance USDT-M futures: orders are checked against the symbol's
 * exchangeInfo filters, sent with their deterministic client order id through {@link
 * BinanceRestClient#placeOrder} (so a retry never doubles an order), and followed through the
 * user-data stream ({@code ORDER_TRADE_UPDATE}): acknowledgements, fills (de-duplicated by trade
 * id), cancellations and expiries. After a stream reconnect, or an order whose placement outcome
 * stayed unknown, {@link #reconcile()} queries the venue and reports what was missed (fills from
 * {@code userTrades}).
 *
 * <p>Limit orders are post-only ({@code GTX}) when configured so; a post-only order the venue
 * expires because it would have taken liquidity is reported as rejected.
 *
 * <p>Thread-safe: every REST call and every listener callback happens on one venue thread, in
 * order; {@link #submit} and {@link #cancel} return at once.
 */
public final class BinanceVenue implements Venue, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceVenue.class);

  private final BinanceRestClient rest;
  private final Map<String, SymbolFilters> filters;
  private final boolean postOnlyLimits;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(MarketDataStream.daemon("binance-venue"));
  private final Map<ClientOrderId, Tracked> orders = new HashMap<>();
  private final Set<String> seenTrades = new HashSet<>();
  private final PriorOrders priorOrders;
  private final Map<String, BigDecimal> markPrices = new ConcurrentHashMap<>();
  private volatile VenueListener listener;
  private volatile Consumer<AccountUpdate> accountListener = u -> {};
  private UserDataStream userStream;

  /** One order this venue placed; touched only on the venue thread. */
  private static final class Tracked {
    final Order order;
    final SymbolFilters filters;
    boolean accepted;
    boolean done;
    boolean outcomeUnknown;
    BigDecimal filled = BigDecimal.ZERO;

    Tracked(Order order, SymbolFilters filters) {
      this.order = order;
      this.filters = filters;
    }
  }

  /**
   * A venue on {@code rest} with the symbols of {@code info}. Call {@link #startUserStream()} to
   * receive executions.
   *
   * @param postOnlyLimits send limit orders as post-only (GTX) instead of GTC
   */
  public BinanceVenue(
      BinanceRestClient rest, ExchangeInfo info, boolean postOnlyLimits, Clock clock) {
    this.rest = rest;
    this.filters = new TreeMap<>(info.symbols());
    this.postOnlyLimits = postOnlyLimits;
    this.clock = clock;
    this.priorOrders = new PriorOrders(rest);
  }

  /**
   * Synchronises the clock, loads exchangeInfo, and opens the user-data stream.
   *
   * @throws BinanceApiException when the venue cannot be reached
   */
  public static BinanceVenue connect(BinanceRestClient rest, boolean postOnlyLimits, Clock clock) {
    rest.syncTime();
    BinanceVenue venue = new BinanceVenue(rest, rest.exchangeInfo(), postOnlyLimits, clock);
    venue.startUserStream();
    return venue;
  }

  /** Opens the user-data stream (idempotent). */
  public synchronized void startUserStream() {
    if (userStream == null) {
      userStream = new UserDataStream(rest, this::onUserEvent, this::reconcile);
      userStream.start();
    }
  }

  /** The user-data stream, or null before {@link #startUserStream()}. */
  public synchronized UserDataStream userStream() {
    return userStream;
  }

  /** The instruments this venue lists, with the venue's filters. */
  public Map<InstrumentId, Instrument> instruments() {
    Map<InstrumentId, Instrument> out = new TreeMap<>();
    for (SymbolFilters f : filters.values()) {
      try {
        Instrument i = f.toInstrument();
        out.put(i.id(), i);
      } catch (IllegalArgumentException skipped) {
        // symbols the platform cannot name (e.g. delivery contracts) are not offered
      }
    }
    return out;
  }

  /** The latest mark price of {@code symbol} (PERCENT_PRICE and market-order MIN_NOTIONAL). */
  public void onMarkPrice(String symbol, BigDecimal markPrice) {
    markPrices.put(symbol, markPrice);
  }

  /** Receives every {@code ACCOUNT_UPDATE} (on the venue thread). */
  public void setAccountListener(Consumer<AccountUpdate> accountListener) {
    this.accountListener = accountListener;
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
    executor.execute(() -> doSubmit(order));
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    executor.execute(() -> doCancel(clientOrderId));
  }

  /** Queries every unfinished order and reports what the streams missed (asynchronous). */
  public void reconcile() {
    executor.execute(this::doReconcile);
  }

  /** Waits until everything queued so far has run (tests, orderly shutdown). */
  public void awaitIdle(long timeoutMs) throws InterruptedException, TimeoutException {
    try {
      executor.submit(() -> {}).get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("venue thread failed", e.getCause());
    }
  }

  void onUserEvent(UserDataEvent event) {
    executor.execute(() -> handle(event));
  }

  private void doSubmit(Order order) {
    long now = clock.nowMillis();
    if (orders.containsKey(order.clientOrderId())) {
      listener.onRejected(order, "duplicate client order id " + order.clientOrderId(), now);
      return;
    }
    SymbolFilters f = filters.get(order.instrument().venueSymbol());
    Tracked t = new Tracked(order, f);
    orders.put(order.clientOrderId(), t);
    if (f == null) {
      reject(t, "unknown instrument " + order.instrument());
      return;
    }
    NewOrderRequest request = NewOrderRequest.of(order, postOnlyLimits);
    Optional<String> violation =
        f.violation(order.side(), request.quantity(), request.price(), markPrices.get(f.symbol()));
    if (violation.isPresent()) {
      reject(t, violation.get());
      return;
    }
    try {
      BinanceRestClient.Placement placed =
          priorOrders
              .find(request.symbol(), request.clientOrderId())
              .map(state -> new BinanceRestClient.Placement(state, true))
              .orElseGet(() -> rest.place(request));
      OrderState state = placed.state();
      apply(t, state);
      if (!t.done && state.executedQty().signum() > 0) {
        // executions are read back at once (de-duplicated by trade id against the stream's):
        // the stream may not be subscribed yet, or the order existed before a restart (-4116)
        // and its fills went to the old stream
        reportTrades(t, state);
      }
      if (!t.done && ("CANCELED".equals(state.status()) || "EXPIRED".equals(state.status()))) {
        // an existing order (-4116, e.g. after a restart) that had already ended: its end went
        // to the old stream, so it is reported here, after its fills
        finish(t, state.updateTimeMs());
      }
    } catch (BinanceApiException e) {
      if (e.isOutcomeUnknown()) {
        t.outcomeUnknown = true;
        LOG.warn(
            "order {} outcome unknown ({}); reconcile will settle it",
            order.clientOrderId(),
            e.getMessage());
      } else if (e.code() == BinanceApiException.POST_ONLY_REJECTED) {
        reject(t, "post-only order would have taken liquidity (rejected by the venue, -5022)");
      } else {
        reject(t, e.getMessage());
      }
    }
  }

  private void apply(Tracked t, OrderState state) {
    if (t.done) {
      return;
    }
    boolean executed = state.executedQty().signum() > 0;
    if (("EXPIRED".equals(state.status()) || "REJECTED".equals(state.status())) && !executed) {
      reject(
          t,
          "GTX".equals(state.timeInForce())
              ? "post-only order would have taken liquidity (expired by the venue)"
              : "order " + state.status().toLowerCase(java.util.Locale.ROOT) + " by the venue");
      return;
    }
    accept(t, state.updateTimeMs());
  }

  private void doCancel(ClientOrderId id) {
    Tracked t = orders.get(id);
    if (t == null || t.done) {
      return;
    }
    try {
      OrderState state = rest.cancelOrder(t.filters.symbol(), id.value());
      if ("CANCELED".equals(state.status())) {
        if (state.executedQty().compareTo(t.filled) > 0) {
          // fills the user stream has not delivered yet: read them back before the order ends
          // (the stream's copies arrive after the end, de-duplicated by trade id)
          reportTrades(t, state);
        }
        finish(t, state.updateTimeMs());
      }
    } catch (BinanceApiException e) {
      if (e.code() == BinanceApiException.UNKNOWN_ORDER) {
        LOG.info("cancel {}: order no longer open; its final state follows", id);
      } else {
        LOG.warn("cancel {} failed: {}", id, e.getMessage());
      }
    }
  }

  private void handle(UserDataEvent event) {
    if (event instanceof AccountUpdate a) {
      accountListener.accept(a);
    } else if (event instanceof OrderTradeUpdate u) {
      onOrderUpdate(u);
    }
  }

  private void onOrderUpdate(OrderTradeUpdate u) {
    Tracked t = trackedFor(u.clientOrderId());
    if (t == null) {
      LOG.info(
          "{} {} for an order this venue did not place ({})",
          u.symbol(),
          u.orderStatus(),
          u.clientOrderId());
      return;
    }
    if (t.done) {
      if (u.isTrade() && !seenTrades.contains(u.symbol() + ":" + u.tradeId())) {
        LOG.warn(
            "rejecting trade {} of {}: it arrived after the order ended",
            u.tradeId(),
            u.clientOrderId());
      }
      return;
    }
    String wrong = mismatch(t, u);
    if (wrong != null) {
      LOG.warn("rejecting {} update of {}: {}", u.executionType(), u.clientOrderId(), wrong);
      return;
    }
    if ("EXPIRED".equals(u.orderStatus()) && "GTX".equals(u.timeInForce()) && !t.accepted) {
      reject(t, "post-only order would have taken liquidity (expired by the venue)");
      return;
    }
    accept(t, u.transactionTimeMs());
    if (u.isTrade()) {
      fill(
          t,
          u.tradeId(),
          u.lastFilledQty(),
          u.lastFilledPrice(),
          u.commission(),
          u.maker(),
          u.transactionTimeMs());
    }
    switch (u.orderStatus()) {
      case "FILLED" -> t.done = true;
      case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> finish(t, u.transactionTimeMs());
      case "REJECTED" -> reject(t, "rejected by the venue");
      default -> {
        // NEW, PARTIALLY_FILLED: still working
      }
    }
  }

  /** Why {@code u} cannot belong to {@code t}, or null when it can. */
  private static String mismatch(Tracked t, OrderTradeUpdate u) {
    if (t.filters != null && !t.filters.symbol().equals(u.symbol())) {
      return "symbol " + u.symbol() + " is not the order's " + t.filters.symbol();
    }
    String side = t.order.side() == OrderSide.BUY ? "BUY" : "SELL";
    if (!side.equals(u.side())) {
      return "side " + u.side() + " is not the order's " + side;
    }
    if (u.isTrade() && u.lastFilledPrice().signum() <= 0) {
      return "trade price " + u.lastFilledPrice() + " is not positive";
    }
    return null;
  }

  private void doReconcile() {
    for (Tracked t : new ArrayList<>(orders.values())) {
      if (t.done || t.filters == null) {
        continue;
      }
      try {
        reconcile(t);
      } catch (BinanceApiException e) {
        LOG.warn("reconcile {} failed: {}", t.order.clientOrderId(), e.getMessage());
      }
    }
  }

  private void reconcile(Tracked t) {
    String symbol = t.filters.symbol();
    Optional<OrderState> found = rest.findOrder(symbol, t.order.clientOrderId().value());
    if (found.isEmpty()) {
      if (t.outcomeUnknown) {
        reject(t, "the venue never received the order (placement outcome was unknown)");
      }
      return;
    }
    OrderState state = found.get();
    t.outcomeUnknown = false;
    apply(t, state);
    if (t.done) {
      return;
    }
    if (state.executedQty().signum() > 0) {
      reportTrades(t, state);
    }
    switch (state.status()) {
      case "FILLED" -> t.done = true;
      case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> finish(t, state.updateTimeMs());
      default -> {
        // still working
      }
    }
  }

  /** Reports the executions of {@code state}'s order from {@code userTrades}. */
  private void reportTrades(Tracked t, OrderState state) {
    for (UserTrade tr : rest.userTrades(t.filters.symbol(), state.orderId())) {
      fill(t, tr.id(), tr.qty(), tr.price(), tr.commission(), tr.maker(), tr.timeMs());
    }
  }

  private Tracked trackedFor(String clientOrderId) {
    try {
      return orders.get(ClientOrderId.of(clientOrderId));
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }

  private void accept(Tracked t, long timeMs) {
    if (!t.accepted) {
      t.accepted = true;
      t.outcomeUnknown = false;
      listener.onAccepted(t.order, timeMs > 0 ? timeMs : clock.nowMillis());
    }
  }

  private void reject(Tracked t, String reason) {
    t.done = true;
    listener.onRejected(t.order, reason, clock.nowMillis());
  }

  private void finish(Tracked t, long timeMs) {
    t.done = true;
    listener.onCancelled(t.order.clientOrderId(), timeMs > 0 ? timeMs : clock.nowMillis());
  }

  private void fill(
      Tracked t,
      long tradeId,
      BigDecimal qty,
      BigDecimal price,
      BigDecimal commission,
      boolean maker,
      long timeMs) {
    if (seenTrades.contains(t.filters.symbol() + ":" + tradeId)) {
      return;
    }
    BigDecimal total = t.filled.add(qty);
    if (qty.signum() <= 0 || total.compareTo(t.order.quantity().toBigDecimal()) > 0) {
      LOG.warn(
          "rejecting trade {} of {}: quantity {} would take the fills to {} of {}",
          tradeId,
          t.order.clientOrderId(),
          qty,
          total,
          t.order.quantity().toBigDecimal());
      return;
    }
    seenTrades.add(t.filters.symbol() + ":" + tradeId);
    t.filled = total;
    Instrument inst = t.filters.toInstrument();
    Fill f =
        new Fill(
            TradeId.of(t.filters.symbol() + "-" + tradeId),
            t.order.clientOrderId(),
            t.order.instrument(),
            t.order.side(),
            Quantity.of(
                qty.setScale(inst.quantityScale(), RoundingMode.HALF_EVEN), inst.quantityScale()),
            Price.of(price.setScale(inst.priceScale(), RoundingMode.HALF_EVEN), inst.priceScale()),
            Money.of(commission),
            maker ? Liquidity.MAKER : Liquidity.TAKER,
            timeMs);
    listener.onFill(f);
  }

  @Override
  public void close() {
    UserDataStream s;
    synchronized (this) {
      s = userStream;
      userStream = null;
    }
    if (s != null) {
      s.close();
    }
    executor.shutdown();
  }
}
