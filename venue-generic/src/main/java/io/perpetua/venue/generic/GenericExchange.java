package io.perpetua.venue.generic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The matching engine and account of the generic venue: one USDT wallet, one-way positions per
 * symbol, the venue's own ids ({@code GX-<n>} orders, {@code <symbol>:<n>} trades) and its own fee
 * schedule ({@link GenericFees}).
 *
 * <ul>
 *   <li>A market order, and a limit order that crosses the last price, fill at the last price as
 *       taker; a post-only limit that would cross is rejected ({@code post_only_would_take}).
 *   <li>A resting limit fills at its price, as maker, when a print ({@link #trade}) reaches it.
 *   <li><b>Partial fills</b>: every fill takes at most {@code ceil(quantity / fillChunks)} of the
 *       order (rounded up to the step), so with {@code fillChunks = 2} a market order fills in two
 *       trades and a resting limit needs two prints.
 *   <li>{@link #outage} makes every call throw {@link GenericUnavailableException}.
 * </ul>
 *
 * <p>Events go to the sink ({@link #setSink}) synchronously, inside the call that caused them.
 * Thread-safe (every method is synchronized).
 */
public final class GenericExchange {
  private final Map<String, GenericListing> listings = new LinkedHashMap<>();
  private final Map<String, BigDecimal> last = new HashMap<>();
  private final Map<String, Resting> byClientId = new LinkedHashMap<>();
  private final Map<String, BigDecimal[]> positions = new TreeMap<>(); // {qty, entry cost}
  private final List<GenericEvent.Traded> trades = new ArrayList<>();
  private final GenericFees fees;
  private final int fillChunks;
  private final LongSupplier clock;
  private Consumer<GenericEvent> sink = e -> {};
  private BigDecimal wallet;
  private long nextOrderId = 1;
  private long nextTradeId = 1;
  private boolean outage;

  private static final class Resting {
    final String venueOrderId;
    final GenericOrderRequest request;
    BigDecimal filled = BigDecimal.ZERO;
    boolean open = true;

    Resting(String venueOrderId, GenericOrderRequest request) {
      this.venueOrderId = venueOrderId;
      this.request = request;
    }

    BigDecimal remaining() {
      return request.quantity().subtract(filled);
    }
  }

  /**
   * An exchange listing {@code listings}, with {@code wallet} USDT.
   *
   * @param fillChunks at least 1; the number of fills an order needs at most (1 = fill at once)
   * @param clock epoch-ms time of trades
   */
  public GenericExchange(
      List<GenericListing> listings,
      BigDecimal wallet,
      GenericFees fees,
      int fillChunks,
      LongSupplier clock) {
    if (fillChunks < 1) {
      throw new IllegalArgumentException("fillChunks must be at least 1");
    }
    for (GenericListing l : listings) {
      this.listings.put(l.symbol(), l);
      last.put(l.symbol(), l.initialPrice());
    }
    this.wallet = wallet;
    this.fees = fees;
    this.fillChunks = fillChunks;
    this.clock = clock;
  }

  /** Sets the receiver of the account's order events. */
  public synchronized void setSink(Consumer<GenericEvent> sink) {
    this.sink = sink;
  }

  /** The listings. */
  public synchronized List<GenericListing> listings() {
    return List.copyOf(listings.values());
  }

  /** The fee schedule. */
  public GenericFees fees() {
    return fees;
  }

  /** Turns the outage on or off. */
  public synchronized void outage(boolean on) {
    outage = on;
  }

  /** The last price of {@code symbol}. */
  public synchronized BigDecimal lastPrice(String symbol) {
    return last.get(listing(symbol).symbol());
  }

  /** Places an order; its outcome arrives as events. */
  public synchronized void place(GenericOrderRequest r) {
    up();
    if (byClientId.containsKey(r.clientId())) {
      sink.accept(new GenericEvent.Rejected(r.clientId(), "duplicate_client_id"));
      return;
    }
    GenericListing l = listings.get(r.symbol());
    String reject = l == null ? "unknown_symbol" : validate(l, r);
    if (reject != null) {
      sink.accept(new GenericEvent.Rejected(r.clientId(), reject));
      return;
    }
    BigDecimal px = last.get(r.symbol());
    boolean crosses =
        r.market() || (r.buy() ? r.price().compareTo(px) >= 0 : r.price().compareTo(px) <= 0);
    if (crosses && r.postOnly()) {
      sink.accept(new GenericEvent.Rejected(r.clientId(), "post_only_would_take"));
      return;
    }
    Resting o = new Resting("GX-" + nextOrderId++, r);
    byClientId.put(r.clientId(), o);
    sink.accept(new GenericEvent.Accepted(r.clientId(), o.venueOrderId));
    if (crosses) {
      while (o.open) {
        fill(o, l, px, false);
      }
    }
  }

  /** Cancels the open order {@code clientId}; nothing happens when it is unknown or done. */
  public synchronized void cancel(String clientId) {
    up();
    Resting o = byClientId.get(clientId);
    if (o != null && o.open) {
      o.open = false;
      sink.accept(new GenericEvent.Cancelled(clientId));
    }
  }

  /** A print at {@code price}: moves the last price and fills resting limits it reaches. */
  public synchronized void trade(String symbol, BigDecimal price) {
    GenericListing l = listing(symbol);
    last.put(symbol, price);
    for (Resting o : new ArrayList<>(byClientId.values())) {
      GenericOrderRequest r = o.request;
      if (o.open && !r.market() && r.symbol().equals(symbol)) {
        boolean reached =
            r.buy() ? price.compareTo(r.price()) <= 0 : price.compareTo(r.price()) >= 0;
        if (reached) {
          fill(o, l, r.price(), true);
        }
      }
    }
  }

  /** Signed positions by venue symbol; flat ones are left out. */
  public synchronized Map<String, BigDecimal> positions() {
    up();
    Map<String, BigDecimal> out = new TreeMap<>();
    positions.forEach(
        (s, p) -> {
          if (p[0].signum() != 0) {
            out.put(s, p[0]);
          }
        });
    return out;
  }

  /** Client ids of the open orders. */
  public synchronized List<String> openOrders() {
    return openOrderDetails().stream().map(GenericOrderRequest::clientId).toList();
  }

  /**
   * The open orders as requests whose quantity is the unfilled part, in client id order of
   * placement.
   */
  public synchronized List<GenericOrderRequest> openOrderDetails() {
    up();
    List<GenericOrderRequest> out = new ArrayList<>();
    byClientId.forEach(
        (id, o) -> {
          if (o.open) {
            GenericOrderRequest r = o.request;
            out.add(
                new GenericOrderRequest(
                    r.clientId(),
                    r.symbol(),
                    r.buy(),
                    r.quantity().subtract(o.filled),
                    r.price(),
                    r.postOnly(),
                    r.reduceOnly()));
          }
        });
    return out;
  }

  /** Wallet balance: deposit + realised PnL − fees. */
  public synchronized BigDecimal wallet() {
    up();
    return wallet;
  }

  /** Every trade so far, oldest first. */
  public synchronized List<GenericEvent.Traded> trades() {
    return List.copyOf(trades);
  }

  /**
   * What the venue knows of the order {@code clientId} placed earlier, as the events it sent then:
   * its acceptance, every trade, and its cancellation when it ended unfilled or partly filled.
   * Empty when the venue has no such order (never placed, or refused). A new session uses it to
   * adopt an order an earlier one placed (after a restart) instead of placing it twice.
   */
  public synchronized List<GenericEvent> history(String clientId) {
    up();
    Resting o = byClientId.get(clientId);
    if (o == null) {
      return List.of();
    }
    List<GenericEvent> out = new ArrayList<>();
    out.add(new GenericEvent.Accepted(clientId, o.venueOrderId));
    for (GenericEvent.Traded t : trades) {
      if (t.clientId().equals(clientId)) {
        out.add(t);
      }
    }
    if (!o.open && o.remaining().signum() > 0) {
      out.add(new GenericEvent.Cancelled(clientId));
    }
    return out;
  }

  /** How many orders the venue holds (any state). */
  public synchronized int orderCount() {
    return byClientId.size();
  }

  private String validate(GenericListing l, GenericOrderRequest r) {
    if (r.quantity().remainder(l.stepSize()).signum() != 0) {
      return "quantity_not_on_step";
    }
    if (!r.market() && r.price().remainder(l.tickSize()).signum() != 0) {
      return "price_not_on_tick";
    }
    BigDecimal px = r.market() ? last.get(l.symbol()) : r.price();
    if (!r.reduceOnly() && px.multiply(r.quantity()).compareTo(l.minNotional()) < 0) {
      return "notional_too_small";
    }
    if (r.reduceOnly()) {
      BigDecimal pos = position(l.symbol())[0];
      boolean reduces = r.buy() ? pos.signum() < 0 : pos.signum() > 0;
      if (!reduces || r.quantity().compareTo(pos.abs()) > 0) {
        return "reduce_only_would_increase";
      }
    }
    return null;
  }

  private void fill(Resting o, GenericListing l, BigDecimal price, boolean maker) {
    BigDecimal steps = o.request.quantity().divide(l.stepSize(), 0, RoundingMode.UNNECESSARY);
    BigDecimal chunk =
        steps
            .divide(BigDecimal.valueOf(fillChunks), 0, RoundingMode.CEILING)
            .multiply(l.stepSize());
    BigDecimal qty = chunk.min(o.remaining());
    o.filled = o.filled.add(qty);
    if (o.remaining().signum() == 0) {
      o.open = false;
    }
    BigDecimal notional = qty.multiply(price);
    BigDecimal fee = fees.fee(notional, maker);
    boolean buy = o.request.buy();
    wallet = wallet.add(applyToPosition(l.symbol(), buy ? qty : qty.negate(), price)).subtract(fee);
    GenericEvent.Traded t =
        new GenericEvent.Traded(
            o.request.clientId(),
            l.symbol() + ":" + nextTradeId++,
            l.symbol(),
            buy,
            qty,
            price,
            fee,
            maker,
            clock.getAsLong());
    trades.add(t);
    sink.accept(t);
  }

  /** Applies a signed fill to the position; returns the realised PnL. */
  private BigDecimal applyToPosition(String symbol, BigDecimal signedQty, BigDecimal price) {
    BigDecimal[] p = position(symbol);
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal qty = p[0];
    if (qty.signum() != 0 && qty.signum() != signedQty.signum()) {
      BigDecimal closed = signedQty.abs().min(qty.abs());
      BigDecimal entryPart = p[1].multiply(closed).divide(qty.abs(), 16, RoundingMode.HALF_EVEN);
      BigDecimal exitValue = price.multiply(closed).multiply(BigDecimal.valueOf(qty.signum()));
      realized = exitValue.subtract(entryPart);
      p[1] = p[1].subtract(entryPart);
      p[0] = qty.add(signedQty.signum() > 0 ? closed : closed.negate());
      signedQty = signedQty.subtract(signedQty.signum() > 0 ? closed : closed.negate());
    }
    if (signedQty.signum() != 0) {
      p[1] = p[1].add(price.multiply(signedQty));
      p[0] = p[0].add(signedQty);
    }
    if (p[0].signum() == 0) {
      p[1] = BigDecimal.ZERO;
    }
    return realized.setScale(8, RoundingMode.HALF_EVEN);
  }

  private BigDecimal[] position(String symbol) {
    return positions.computeIfAbsent(
        symbol, s -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
  }

  private GenericListing listing(String symbol) {
    GenericListing l = listings.get(symbol);
    if (l == null) {
      throw new IllegalArgumentException("not listed: " + symbol);
    }
    return l;
  }

  private void up() {
    if (outage) {
      throw new GenericUnavailableException("generic venue unreachable (outage)");
    }
  }
}
