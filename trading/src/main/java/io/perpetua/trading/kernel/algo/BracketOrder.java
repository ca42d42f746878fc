package io.perpetua.trading.kernel.algo;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The §4.1 execution state machine as a kernel execution algorithm (a bracket / OCO-style order):
 * post-only entry with a market fallback, pre-placed reduce-only take-profit limits (TP1 half, TP2
 * the rest), a market stop moved to break-even after TP1, cancel→market after a touched TP stays
 * unfilled, and a hold timeout (limit at the last price, market after the grace period). Any
 * strategy may use it through {@link BracketBook}.
 *
 * <p>Every order is a leg with a fixed name; its client order id is derived from (strategy, key,
 * leg), each name is used once per bracket, so a re-sent leg (retry, restart) is rejected by the
 * venue as a duplicate instead of doubling. A cancel→market step holds the bracket's lock: nothing
 * else happens until every cancel it waits for is confirmed, then the market leg goes out for what
 * is still open. State is in fixed point ({@link Quantity}, {@link Money}); {@link BracketCodec}
 * carries it across restarts in the kernel checkpoint.
 *
 * <p>Mutable, not thread-safe: kernel thread only.
 */
public final class BracketOrder {
  /** How a bracket ended. */
  public enum Exit {
    /** Still open. */
    NONE,
    /** The entry never filled. */
    ENTRY_CANCELLED,
    /** Both take-profits filled. */
    TP,
    /** The stop hit before TP1. */
    SL,
    /** The break-even stop hit after TP1. */
    SL_BE,
    /** The hold timeout closed it. */
    TIMEOUT,
    /** Closed at market on request (signal flip, shutdown). */
    FLATTEN
  }

  enum Phase {
    ENTRY,
    ENTRY_FALLBACK,
    ARMED,
    TIMEOUT_RESTING,
    EXITING,
    CLOSED
  }

  final BracketSpec spec;
  final OrderGateway gateway;
  final Map<String, BracketLeg> legs = new LinkedHashMap<>();
  Phase phase = Phase.ENTRY;
  Exit exit = Exit.NONE;
  Quantity entered;
  Quantity exited;
  Money entryCost = Money.ZERO;
  Money exitProceeds = Money.ZERO;
  Money fees = Money.ZERO;
  Quantity makerQty;
  Price stop;
  Price tp1;
  Price tp2;
  boolean tp1Done;
  long openedMs;
  long closedMs;
  long deadlineMs;
  final long[] touchMs = {Long.MIN_VALUE, Long.MIN_VALUE};
  // the lock: a market leg waiting for cancels to be confirmed ("" when none)
  String lockLeg = "";
  Exit lockExit = Exit.NONE;
  double lastPrice = Double.NaN;
  String retryLeg = ""; // a rejected market exit leg to send again ("" when none): BracketRetry
  int retryAttempt; // orders of retryLeg sent so far
  long sequence; // creation order in the book (kept across restarts)
  boolean dirty; // state worth a checkpoint changed (the last price alone is not)

  BracketOrder(BracketSpec spec, OrderGateway gateway) {
    this.spec = spec;
    this.gateway = gateway;
    Quantity zero = Quantity.zero(spec.quantity().scale());
    this.entered = zero;
    this.exited = zero;
    this.makerQty = zero;
  }

  /** Sends the entry (post-only limit, or market when the spec has no limit). */
  void start() {
    deadlineMs = spec.createdAtMs() + spec.timing().entryTimeoutMs();
    if (spec.entryLimit() == null) {
      phase = Phase.ENTRY_FALLBACK;
      send("entry-mkt", spec.side(), OrderType.MARKET, spec.quantity(), null, false);
    } else {
      send("entry", spec.side(), OrderType.LIMIT, spec.quantity(), spec.entryLimit(), false);
    }
  }

  /** The spec. */
  public BracketSpec spec() {
    return spec;
  }

  /** True once the bracket is flat and finished. */
  public boolean closed() {
    return phase == Phase.CLOSED;
  }

  /** The open quantity (entered minus exited). */
  public Quantity open() {
    return entered.minus(exited);
  }

  /** The current stop level, or null before the entry filled. */
  public Price stop() {
    return stop;
  }

  /** How it ended ({@link Exit#NONE} while open). */
  public Exit exit() {
    return exit;
  }

  /** True after TP1 filled (the stop is at break-even). */
  public boolean tp1Done() {
    return tp1Done;
  }

  /** The client order id of leg {@code leg} of this bracket. */
  public ClientOrderId idOf(String leg) {
    return ClientOrderIds.derive(spec.strategy(), spec.key(), leg);
  }

  /** The quantity leg {@code leg} filled (zero when the leg was never sent). */
  public Quantity filledOf(String leg) {
    BracketLeg l = legs.get(leg);
    return l == null ? Quantity.zero(spec.quantity().scale()) : l.filled;
  }

  /** The take-profit level {@code n} (1 or 2), or null before the entry filled. */
  public Price takeProfit(int n) {
    return n == 1 ? tp1 : tp2;
  }

  /** The entry average price ({@code NaN} before any entry fill). */
  public double entryAverage() {
    return entered.signum() > 0 ? entryCost.toDouble() / entered.toDouble() : Double.NaN;
  }

  /** When the entry completed and the take-profits went out (0 before). */
  public long openedMs() {
    return openedMs;
  }

  /** True when {@code id} is one of this bracket's orders. */
  boolean owns(ClientOrderId id) {
    return leg(id) != null;
  }

  // ------------------------------------------------------------------ market data

  /** A trade at {@code price}: timeouts, stop, take-profit timeouts (the lock pauses them all). */
  void onTrade(double price, long timeMs) {
    lastPrice = price;
    if (phase == Phase.CLOSED || !lockLeg.isEmpty()) {
      return;
    }
    if (!retryLeg.isEmpty()) {
      BracketRetry.resend(this);
    }
    if (phase == Phase.ARMED && !legs.containsKey("tp2")) {
      BracketTakeProfits.sendMissing(this); // a crash cut arming short after a journaled TP1
    }
    int s = spec.sign();
    switch (phase) {
      case ENTRY -> {
        if (timeMs >= deadlineMs) {
          lock("entry-fallback", Exit.NONE, "entry");
        }
      }
      case ARMED -> onArmedTrade(price, timeMs, s);
      case TIMEOUT_RESTING -> {
        if (timeMs >= deadlineMs) {
          lock("timeout-mkt", Exit.TIMEOUT, "timeout-lmt");
        }
      }
      default -> {}
    }
  }

  private void onArmedTrade(double price, long timeMs, int s) {
    if (s * (price - stop.toDouble()) <= 0) {
      Exit e = tp1Done ? Exit.SL_BE : Exit.SL;
      lock(e == Exit.SL ? "sl" : "sl-be", e, "tp1", "tp2");
      return;
    }
    if (timeMs >= openedMs + spec.timing().holdTimeoutMs()) {
      lock("timeout-lmt", Exit.TIMEOUT, "tp1", "tp2");
      return;
    }
    for (int k = 0; k < 2; k++) {
      BracketLeg tp = legs.get(k == 0 ? "tp1" : "tp2");
      if (tp == null || !tp.working) {
        continue;
      }
      double level = (k == 0 ? tp1 : tp2).toDouble();
      if (touchMs[k] == Long.MIN_VALUE && s * (price - level) >= 0) {
        touchMs[k] = timeMs;
        dirty = true;
      }
      if (touchMs[k] != Long.MIN_VALUE && timeMs >= touchMs[k] + spec.timing().tpTimeoutMs()) {
        lock(tp.name + "-mkt", k == 0 ? Exit.NONE : Exit.TP, tp.name);
        return;
      }
    }
  }

  /** Closes what is open at market now (signal flip, shutdown); cancels the entry if it rests. */
  void flatten() {
    if (phase == Phase.CLOSED || phase == Phase.EXITING || "flatten".equals(lockLeg)) {
      return;
    }
    lock("flatten", Exit.FLATTEN, "entry", "tp1", "tp2", "timeout-lmt");
  }

  // ------------------------------------------------------------------ the lock

  /** Takes the lock for {@code marketLeg}: cancels {@code cancels}, then sends the market leg. */
  private void lock(String marketLeg, Exit reason, String... cancels) {
    dirty = true;
    lockLeg = marketLeg;
    lockExit = reason;
    for (String name : cancels) {
      BracketLeg l = legs.get(name);
      if (l != null && l.working) {
        gateway.cancel(l.id);
      }
    }
    releaseIfReady();
  }

  /** When no leg the lock waits for is working any more, carries out the locked step. */
  private void releaseIfReady() {
    if (lockLeg.isEmpty()) {
      return;
    }
    for (BracketLeg l : legs.values()) {
      if (l.working && !l.name.endsWith("-mkt") && waitsFor(l.name)) {
        return;
      }
    }
    String leg = lockLeg;
    Exit reason = lockExit;
    lockLeg = "";
    lockExit = Exit.NONE;
    carryOut(leg, reason);
  }

  boolean waitsFor(String name) {
    return switch (lockLeg) {
      case "entry-fallback" -> name.equals("entry");
      case "tp1-mkt" -> name.equals("tp1");
      case "tp2-mkt" -> name.equals("tp2");
      case "timeout-mkt" -> name.equals("timeout-lmt");
      default -> true; // a full close waits for every resting leg
    };
  }

  private void carryOut(String leg, Exit reason) {
    OrderSide exitSide = spec.side() == OrderSide.BUY ? OrderSide.SELL : OrderSide.BUY;
    switch (leg) {
      case "entry-fallback" -> fallback();
      case "tp1-mkt", "tp2-mkt" -> {
        BracketLeg tp = legs.get(leg.substring(0, 3));
        Quantity q = min(tp.rest(), open());
        if (q.signum() > 0) {
          send(leg, exitSide, OrderType.MARKET, q, null, true);
        }
      }
      case "timeout-lmt" -> {
        exit = reason;
        phase = Phase.TIMEOUT_RESTING;
        deadlineMs = gateway.nowMillis() + spec.timing().timeoutGraceMs();
        // post-only: a refusal comes back through onRejected and goes to market
        send(leg, exitSide, OrderType.LIMIT, open(), spec.instrument().price(lastPrice), true);
      }
      default -> {
        exit = reason;
        phase = Phase.EXITING;
        retryLeg = ""; // this close covers what a pending retry would have closed
        if (open().signum() > 0) {
          send(leg, exitSide, OrderType.MARKET, open(), null, true);
        } else if (entered.signum() == 0) {
          finish(Exit.ENTRY_CANCELLED);
        }
      }
    }
  }

  /** After the entry timed out (or was refused as taking liquidity): market, keep, or give up. */
  private void fallback() {
    Quantity rest = spec.quantity().minus(entered);
    double moved =
        Double.isNaN(lastPrice)
            ? 0
            : Math.abs(lastPrice - spec.signalPrice()) / spec.signalPrice() * 1e4;
    if (rest.signum() > 0 && moved < spec.timing().fallbackSlippageBps()) {
      phase = Phase.ENTRY_FALLBACK;
      send("entry-mkt", spec.side(), OrderType.MARKET, rest, null, false);
    } else if (entered.signum() > 0) {
      arm();
    } else {
      finish(Exit.ENTRY_CANCELLED);
    }
  }

  // ------------------------------------------------------------------ order outcomes

  /** A fill of one of this bracket's orders. */
  void onFill(Fill fill) {
    BracketLeg l = leg(fill.clientOrderId());
    if (l == null) {
      return;
    }
    dirty = true;
    l.filled = l.filled.plus(fill.quantity());
    l.working = l.working && l.rest().signum() > 0;
    fees = fees.plus(fill.fee());
    if (fill.liquidity() == Liquidity.MAKER) {
      makerQty = makerQty.plus(fill.quantity());
    }
    boolean entry = l.name.startsWith("entry");
    if (entry) {
      entered = entered.plus(fill.quantity());
      entryCost = entryCost.plus(fill.notional());
      if (!l.working && (phase == Phase.ENTRY_FALLBACK || phase == Phase.ENTRY)) {
        if (phase == Phase.ENTRY_FALLBACK || entered.compareTo(spec.quantity()) >= 0) {
          arm();
        }
      }
    } else {
      exited = exited.plus(fill.quantity());
      exitProceeds = exitProceeds.plus(fill.notional());
      closedMs = fill.timeMs();
      if (l.name.startsWith("tp1") && !l.working && !tp1Done && phase == Phase.ARMED) {
        moveStopToBreakEven();
      }
      if (open().signum() == 0 && phase != Phase.ENTRY) {
        finish(exit == Exit.NONE ? Exit.TP : exit);
        return;
      }
    }
    releaseIfReady();
  }

  /** One of this bracket's orders was cancelled (or expired). */
  void onCancelled(ClientOrderId id) {
    BracketLeg l = leg(id);
    if (l != null) {
      dirty = true;
      l.working = false;
      releaseIfReady();
    }
  }

  /** One of this bracket's orders was rejected (by the risk engine or the venue). */
  void onRejected(ClientOrderId id) {
    BracketLeg l = leg(id);
    if (l == null) {
      return;
    }
    dirty = true;
    l.working = false;
    if (l.name.equals("entry")) {
      lock("entry-fallback", Exit.NONE); // post-only refused: decide the fallback now
    } else if (l.name.equals("timeout-lmt")) {
      lock("timeout-mkt", Exit.TIMEOUT);
    } else if (l.name.equals("entry-mkt")) {
      if (entered.signum() == 0) {
        finish(Exit.ENTRY_CANCELLED);
      } else {
        arm();
      }
    } else {
      BracketRetry.onExitRejected(this, l.name);
      releaseIfReady();
    }
  }

  // ------------------------------------------------------------------ internals

  private void arm() {
    if (phase != Phase.ENTRY && phase != Phase.ENTRY_FALLBACK) {
      return; // armed once: a fallback decided after the entry completed has nothing to do
    }
    if (lockLeg.equals("entry-fallback")) {
      lockLeg = ""; // the entry completed while its cancel was on the way: no fallback
    }
    phase = Phase.ARMED;
    openedMs = gateway.nowMillis();
    int s = spec.sign();
    double avg = entryAverage();
    stop = spec.instrument().price(avg - s * spec.stopDistance());
    tp1 = spec.instrument().price(avg + s * spec.tp1Distance());
    tp2 = spec.instrument().price(avg + s * spec.tp2Distance());
    BracketTakeProfits.sendMissing(this);
  }

  /**
   * After TP1: the stop moves to the entry average plus the fees of both sides (never less
   * protective than it was).
   */
  private void moveStopToBreakEven() {
    tp1Done = true;
    int s = spec.sign();
    double be = entryAverage() * (1 + s * 2 * spec.timing().breakEvenFeeRate());
    Price moved = spec.instrument().price(be);
    if (s * moved.compareTo(stop) > 0) {
      stop = moved;
    }
  }

  private void finish(Exit how) {
    dirty = true;
    exit = how;
    phase = Phase.CLOSED;
    for (BracketLeg l : legs.values()) {
      if (l.working) {
        gateway.cancel(l.id);
      }
    }
  }

  boolean send(
      String name, OrderSide side, OrderType type, Quantity qty, Price limit, boolean reduce) {
    if (legs.containsKey(name)) {
      return BracketRetry.refuseReuse(this, name); // one order per leg name, never a second
    }
    ClientOrderId id = idOf(name);
    dirty = true;
    legs.put(name, new BracketLeg(name, id, qty, Quantity.zero(qty.scale()), true));
    Order order =
        new Order(
            id,
            spec.instrument().id(),
            side,
            type,
            qty,
            limit,
            reduce,
            spec.strategy(),
            null,
            gateway.nowMillis());
    return gateway.submit(order, spec.key());
  }

  private BracketLeg leg(ClientOrderId id) {
    for (BracketLeg l : legs.values()) {
      if (l.id.equals(id)) {
        return l;
      }
    }
    return null;
  }

  private static Quantity min(Quantity a, Quantity b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The result (meaningful once {@link #closed()}). */
  public BracketResult result() {
    return BracketResult.of(this);
  }
}
