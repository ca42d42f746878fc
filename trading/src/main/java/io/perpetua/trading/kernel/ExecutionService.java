package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.OrderSubmitted;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.kernel.algo.BracketBook;
import io.perpetua.trading.port.OrderDecision;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.SignalTrace;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The execution half of the pipeline: plans orders from target weights, passes each through the
 * {@link RiskEngine} (with the portfolio context: positions plus orders still working), sends it to
 * the {@link Venue}, applies fills to the {@link Account}, reports trade results to the risk engine
 * and keeps the order records and rebalance totals. Not thread-safe (kernel thread).
 */
final class ExecutionService implements VenueListener {
  private final Venue venue;
  private static final PreTradeGuard PRECISION = PreTradeGuard.precisionFilters();
  private final RiskEngine risk;
  private final Account account;
  private final Clock clock;
  private final LongSupplier wallClock;
  private final KernelListener listener;
  private final Map<ClientOrderId, OrderRecord> working = new LinkedHashMap<>();
  private final List<OrderRecord> changed = new ArrayList<>();
  private final List<Fill> newFills = new ArrayList<>();
  private final List<RebalanceCompleted> completed = new ArrayList<>();
  private final OrderDecisions decisions = new OrderDecisions();
  private final BookedTrades booked = new BookedTrades();
  private final PipelineStage stage;
  private final Consumer<InstrumentId> positionChanged;
  private final Map<InstrumentId, Integer> index;
  private ActiveRebalance active;
  private boolean submitting;
  private boolean venueFailing;
  private BracketBook brackets = new BracketBook(null);
  private Runnable intentsHook = () -> {};

  ExecutionService(
      Venue venue,
      RiskEngine risk,
      Account account,
      Clock clock,
      LongSupplier wallClock,
      KernelListener listener,
      PipelineStage stage,
      Consumer<InstrumentId> positionChanged,
      Map<InstrumentId, Integer> index) {
    this.positionChanged = positionChanged;
    this.index = index;
    this.venue = venue;
    this.risk = risk;
    this.account = account;
    this.clock = clock;
    this.wallClock = wallClock;
    this.listener = listener;
    this.stage = stage;
    venue.setListener(this);
  }

  /**
   * Starts a rebalance with the planned {@code orders} ({@link RebalancePlanning}); returns their
   * number. Each order is checked with its portfolio context in fixed point (positions plus the
   * unfilled part of working orders, at the marks rounded to the tick). With {@code bypassRisk}
   * only the precision filters apply (the venue's own liquidation).
   *
   * <p>Two phases, so that a crash can never leave a placed order unjournaled: first every order is
   * checked and the ones that pass are recorded as intended ({@code PENDING}, with their
   * deterministic client order ids, the rebalance in flight with them); then the {@linkplain
   * #setIntentsHook intents hook} journals them; only then are they sent, in plan order. After a
   * crash, {@link #restore} sends the journaled intents again and the venue adopts those it already
   * has (the port's contract: a known client order id never becomes a second order).
   */
  int rebalance(
      StrategyId strategy,
      RebalanceId id,
      String trigger,
      List<Instrument> instruments,
      List<Order> orders,
      Marks marks,
      Money equity,
      boolean bypassRisk) {
    long now = clock.nowMillis();
    stage.running();
    active = new ActiveRebalance(id, strategy, trigger, now, equity);
    active.wallStartMs = wallClock.getAsLong();
    submitting = true; // venue callbacks during submission must not complete the rebalance early
    List<Intent> intended = check(instruments, orders, marks, equity, bypassRisk, now);
    if (!intended.isEmpty()) {
      intentsHook.run();
    }
    PreTradeGuard operator = bypassRisk ? null : risk.operatorControls();
    for (Intent intent : intended) {
      // an operator's stop (or symbol switch) that lands while the orders go out binds the rest
      Optional<PreTradeGuard.Rejection> stop =
          operator == null
              ? Optional.empty()
              : operator.check(intent.order(), intent.instrument(), intent.context());
      if (stop.isPresent()) {
        active.open--;
        reject(intent.order(), stop.get().rule(), stop.get().reason(), now);
      } else {
        place(intent.order(), now);
      }
    }
    submitting = false;
    finishIfDone();
    return orders.size();
  }

  /**
   * Checks each order in turn (each one's context includes the ones intended before it), records
   * the passing ones as intended and rejects the others; returns the intended ones in plan order.
   */
  private List<Intent> check(
      List<Instrument> instruments,
      List<Order> orders,
      Marks marks,
      Money equity,
      boolean bypassRisk,
      long now) {
    Exposure exposure = exposure(instruments, marks);
    List<Intent> intended = new ArrayList<>();
    for (Order order : orders) {
      active.total++;
      int i = index.get(order.instrument());
      OrderContext ctx = exposure.context(order, i, marks.timeMs()[i], now, equity);
      Optional<PreTradeGuard.Rejection> rejection =
          bypassRisk
              ? PRECISION.check(order, instruments.get(i), ctx)
              : checkTraced(order, i, instruments.get(i), ctx, now);
      if (rejection.isPresent()) {
        reject(order, rejection.get().rule(), rejection.get().reason(), now);
        continue;
      }
      intend(order, now);
      intended.add(new Intent(order, instruments.get(i), ctx));
      exposure.add(order, i, ctx);
    }
    return intended;
  }

  /** The risk check of {@code order} (instrument {@code i}), recording its decision. */
  private Optional<PreTradeGuard.Rejection> checkTraced(
      Order order, int i, Instrument instrument, OrderContext ctx, long now) {
    return decisions.record(order, i, risk.checkTraced(order, instrument, ctx), now);
  }

  /** Sets the signals behind the next orders per instrument index ({@link OrderDecisions}). */
  void setSignals(IntFunction<List<SignalTrace>> signals) {
    decisions.signals(signals);
  }

  /** Sets the cause of the next orders no signal decided ({@link OrderDecisions}). */
  void setCause(OrderDecision.Cause cause) {
    decisions.cause(cause);
  }

  /** A checked order waiting to be sent, with what it was checked on. */
  private record Intent(Order order, Instrument instrument, OrderContext context) {}

  /**
   * Sets what runs after a rebalance's orders were checked and recorded as intended and before the
   * first is sent: the kernel commits a checkpoint there (the default does nothing).
   */
  void setIntentsHook(Runnable intentsHook) {
    this.intentsHook = intentsHook;
  }

  /** Routes every order's outcome to the kernel's bracket orders too (an empty book before). */
  void setBrackets(BracketBook brackets) {
    this.brackets = brackets;
  }

  /**
   * Checks an execution algorithm's order with its portfolio context, sends it; false if not. A
   * reduce-only order the netted position cannot take as such goes without the flag ({@link
   * NetReduceOnly}). Like a rebalance, journal before send: the checked order is recorded as
   * intended ({@code PENDING}, its deterministic client order id) and the {@linkplain
   * #setIntentsHook intents hook} commits it before it is sent, so a crash between the two (or
   * before the venue's answer) leaves it in the journal, and {@link #restore} sends it again for
   * the venue to adopt. An order whose id is already working (taken back by {@link #restore}) is
   * not sent again.
   */
  boolean submitOne(Order requested, List<Instrument> instruments, Marks marks, Money equity) {
    long now = clock.nowMillis();
    if (working.containsKey(requested.clientOrderId())) {
      return true; // journaled before a restart and re-sent by restore: the venue adopts it
    }
    int i = index.get(requested.instrument());
    Order order =
        NetReduceOnly.apply(
            requested, Exposure.positionOf(account, instruments.get(i)), working.values());
    OrderContext ctx =
        exposure(instruments, marks).context(order, i, marks.timeMs()[i], now, equity);
    Optional<PreTradeGuard.Rejection> rejection =
        checkTraced(order, i, instruments.get(i), ctx, now);
    if (rejection.isPresent()) {
      reject(order, rejection.get().rule(), rejection.get().reason(), now);
      return false;
    }
    intend(order, now);
    intentsHook.run();
    return place(order, now);
  }

  /** Asks the venue to cancel one working order (no-op when it is not working). */
  void cancel(ClientOrderId clientOrderId) {
    if (working.containsKey(clientOrderId)) {
      venue.cancel(clientOrderId);
    }
  }

  /** True when records changed since the last {@link #drain()}. */
  boolean hasChanges() {
    return !changed.isEmpty() || !newFills.isEmpty() || !completed.isEmpty();
  }

  /** Records a checked order as intended: pending, counted as open in its rebalance. */
  private void intend(Order order, long now) {
    recordUnfilled(order, OrderStatus.PENDING, null, now);
    if (active != null) {
      active.open++;
    }
  }

  /** Sends an intended order; false when the venue could not be reached (the order is rejected). */
  private boolean place(Order order, long now) {
    listener.onEvent(new OrderSubmitted(now, order));
    listener.onOrderSent(order);
    try {
      venue.submit(order);
    } catch (ServiceUnavailableException e) {
      venueFailing = true;
      risk.venueReachable(false, now);
      if (active != null) {
        active.open--;
      }
      reject(order, "venue_unreachable", e.getMessage(), now);
      return false;
    }
    if (venueFailing) {
      venueFailing = false;
      risk.venueReachable(true, now);
    }
    return true;
  }

  /** Positions plus the unfilled part of the working orders, at the marks. */
  private Exposure exposure(List<Instrument> instruments, Marks marks) {
    return new Exposure(
        marks.prices(instruments),
        Exposure.projected(account, instruments, index, working.values()));
  }

  /** Notional of the working orders that margin is reserved for ({@link Exposure}). */
  Money openOrderNotional(List<Instrument> instruments, Marks marks) {
    return Exposure.openOrderNotional(account, instruments, index, working.values(), marks);
  }

  @Override
  public void onAccepted(Order order, long timeMs) {
    OrderRecord r = working.get(order.clientOrderId());
    if (r != null && r.status() == OrderStatus.PENDING) {
      restate(r, OrderStatus.OPEN, timeMs);
    }
  }

  @Override
  public void onFill(Fill fill) {
    OrderRecord r = working.get(fill.clientOrderId());
    if (r == null || r.status().isTerminal() || !booked.book(fill)) {
      return; // not working, or a trade booked before (replayed by the venue or its bridge)
    }
    var before = account.position(fill.instrument());
    Money realized = account.apply(fill);
    var after = account.position(fill.instrument());
    int was = before == null ? 0 : before.quantity().signum();
    int now = after == null ? 0 : after.quantity().signum();
    if (was != 0 && was != now) {
      risk.onRealized(fill.instrument(), realized, true, fill.timeMs());
    } else if (realized.signum() != 0) {
      risk.onRealized(fill.instrument(), realized, false, fill.timeMs());
    }
    positionChanged.accept(fill.instrument());
    newFills.add(fill);
    listener.onEvent(new OrderFilled(fill.timeMs(), fill));
    Quantity qty = r.filledQuantity().plus(fill.quantity());
    Price avg = r.averageAfter(fill.price(), fill.quantity());
    boolean done = qty.compareTo(r.order().quantity()) >= 0;
    record(
        r.order(),
        done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
        qty,
        avg,
        r.fee().plus(fill.fee()),
        null,
        fill.timeMs());
    if (active != null
        && r.order().rebalanceId() != null
        && r.order().rebalanceId().equals(active.id)) {
      active.traded = active.traded.plus(fill.notional());
      active.fees = active.fees.plus(fill.fee());
      if (done) {
        active.filled++;
        active.open--;
      }
      finishIfDone();
    }
    brackets.onFill(fill);
  }

  @Override
  public void onRejected(Order order, String reason, long timeMs) {
    OrderRecord r = working.get(order.clientOrderId());
    if (r != null && !r.status().isTerminal()) {
      if (active != null && active.id.equals(order.rebalanceId())) {
        active.open--;
      }
      reject(order, "venue", reason, timeMs);
    }
  }

  @Override
  public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
    OrderRecord r = working.get(clientOrderId);
    if (r != null && !r.status().isTerminal()) {
      restate(r, OrderStatus.CANCELLED, timeMs);
      if (active != null && active.id.equals(r.order().rebalanceId())) {
        active.open--;
        active.failed++;
        finishIfDone();
      }
      brackets.onCancelled(clientOrderId);
    }
  }

  private void reject(Order order, String rule, String reason, long timeMs) {
    recordUnfilled(order, OrderStatus.REJECTED, rule + ": " + reason, timeMs);
    listener.onEvent(new OrderRejected(timeMs, order, rule, reason));
    if (active != null && active.id.equals(order.rebalanceId())) {
      active.failed++;
      finishIfDone();
    }
    brackets.onRejected(order.clientOrderId());
  }

  private void recordUnfilled(Order o, OrderStatus s, String why, long t) {
    keep(OrderRecord.unfilled(o, s, why, venue.isSimulated(), t));
  }

  private void record(
      Order o, OrderStatus s, Quantity filled, Price avg, Money fee, String why, long t) {
    keep(new OrderRecord(o, s, filled, avg, fee, why, venue.isSimulated(), t));
  }

  /** {@code r} with status {@code s} at {@code t}, its fills unchanged. */
  private void restate(OrderRecord r, OrderStatus s, long t) {
    record(r.order(), s, r.filledQuantity(), r.averageFillPrice(), r.fee(), null, t);
  }

  private void keep(OrderRecord r) {
    Order o = r.order();
    OrderStatus s = r.status();
    if (s.isTerminal()) {
      working.remove(o.clientOrderId());
      booked.ended(o.clientOrderId());
    } else {
      working.put(o.clientOrderId(), r);
    }
    changed.add(r);
  }

  private void finishIfDone() {
    if (active == null || active.open > 0 || submitting) {
      return;
    }
    RebalanceCompleted done =
        active.completed(clock.nowMillis(), account, wallClock.getAsLong(), venue.isSimulated());
    completed.add(done);
    listener.onEvent(done);
    stage.ran(
        active.startedMs,
        null,
        Map.of(
            "last_orders_count", active.total,
            "orders_filled", active.filled,
            "orders_failed", active.failed,
            "dry_run", venue.isSimulated()));
    active = null;
  }

  /**
   * Into the checkpoint {@code cursor}: the rebalance in flight as one line (empty when none) and
   * the trade ids booked for the working orders ({@link BookedTrades}), so that after a restart
   * {@link #restore} completes the rebalance with the same totals and books a replayed trade once.
   */
  void exportState(Map<String, String> cursor) {
    String line = active == null ? "" : active.encode(wallClock.getAsLong());
    cursor.put(TradingKernel.CURSOR_ACTIVE_REBALANCE, line);
    booked.export(cursor);
  }

  /**
   * After a restart: takes back what {@link #exportState} wrote to {@code cursor}, the orders the
   * journal holds as working ({@code open}; the simulated venue lost them with the process), and
   * re-sends the unfilled ones under their client order ids (the venue may report trades again).
   */
  void restore(Map<String, String> cursor, List<OrderRecord> open) {
    booked.restore(cursor);
    String activeLine = cursor.get(TradingKernel.CURSOR_ACTIVE_REBALANCE);
    if (activeLine != null && !activeLine.isEmpty()) {
      active = ActiveRebalance.decode(activeLine, wallClock.getAsLong());
    }
    for (OrderRecord r : open) {
      if (!r.status().isTerminal()) {
        working.put(r.order().clientOrderId(), r);
      }
    }
    for (OrderRecord r : List.copyOf(working.values())) {
      if (r.filledQuantity().isZero()) {
        venue.submit(r.order());
      } else if (venue instanceof io.perpetua.trading.port.PriceDrivenVenue sim) {
        // partly filled: a simulation rests the rest (a real venue still has it)
        sim.resume(r.order(), r.filledQuantity());
      }
    }
  }

  /** True while a rebalance has orders in flight. */
  boolean busy() {
    return active != null;
  }

  /** The client order ids of the orders still working (sent, not yet terminal). */
  Set<ClientOrderId> workingIds() {
    return Set.copyOf(working.keySet());
  }

  /** Cancels every order still working at the venue; their rebalance completes as failed. */
  void cancelWorking() {
    for (OrderRecord r : List.copyOf(working.values())) {
      venue.cancel(r.order().clientOrderId());
    }
  }

  /** Takes the records changed since the last call (for the checkpoint). */
  Delta drain() {
    Delta d =
        new Delta(
            List.copyOf(changed), List.copyOf(newFills), List.copyOf(completed), decisions.drain());
    changed.clear();
    newFills.clear();
    completed.clear();
    return d;
  }

  record Delta(
      List<OrderRecord> orders,
      List<Fill> fills,
      List<RebalanceCompleted> rebalances,
      List<io.perpetua.trading.port.OrderDecision> decisions) {
    boolean isEmpty() {
      return orders.isEmpty() && fills.isEmpty() && rebalances.isEmpty();
    }
  }
}
