package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
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
import io.perpetua.trading.account.CrossMargin;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.portfolio.OrderPlanner;
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
  private final OrderPlanner planner = new OrderPlanner();
  private final Map<ClientOrderId, OrderRecord> working = new LinkedHashMap<>();
  private final List<OrderRecord> changed = new ArrayList<>();
  private final List<Fill> newFills = new ArrayList<>();
  private final List<RebalanceCompleted> completed = new ArrayList<>();
  private final PipelineStage stage;
  private final Consumer<InstrumentId> positionChanged;
  private final Map<InstrumentId, Integer> index;
  private final double[] positionQty;
  private ActiveRebalance active;
  private boolean submitting;
  private boolean venueFailing;
  private io.perpetua.trading.kernel.algo.BracketBook brackets;

  /** Latest prices by instrument index and when each was seen (kernel time). */
  record Marks(double[] price, long[] timeMs) {}

  private static final class ActiveRebalance {
    final RebalanceId id;
    final StrategyId strategy;
    final String trigger;
    final long startedMs;
    final double equity;

    /** Wall-clock start (ms); execution time is measured on it, not on the kernel clock. */
    long wallStartMs;

    int total;
    int filled;
    int failed;
    double traded;
    Money fees = Money.ZERO;
    int open;

    ActiveRebalance(
        RebalanceId id, StrategyId strategy, String trigger, long startedMs, double equity) {
      this.id = id;
      this.strategy = strategy;
      this.trigger = trigger;
      this.startedMs = startedMs;
      this.equity = equity;
    }
  }

  ExecutionService(
      Venue venue,
      RiskEngine risk,
      Account account,
      Clock clock,
      LongSupplier wallClock,
      KernelListener listener,
      PipelineStage stage,
      Consumer<InstrumentId> positionChanged,
      Map<InstrumentId, Integer> index,
      double[] positionQty) {
    this.positionChanged = positionChanged;
    this.index = index;
    this.positionQty = positionQty;
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
   * Starts a rebalance toward {@code weights} (for the instruments in {@code selection}, or all
   * when null); returns the number of orders planned. With {@code bypassRisk} only the precision
   * filters apply (the venue's own liquidation).
   */
  int rebalance(
      StrategyId strategy,
      RebalanceId id,
      String trigger,
      List<Instrument> instruments,
      double[] weights,
      Marks marks,
      double equity,
      double minTradeFraction,
      int[] selection,
      boolean bypassRisk) {
    long now = clock.nowMillis();
    stage.running();
    double[] projected = projectedQuantities(instruments);
    double gross = 0;
    for (int i = 0; i < instruments.size(); i++) {
      if (projected[i] != 0 && marks.price()[i] > 0) {
        gross += Math.abs(projected[i] * marks.price()[i]);
      }
    }
    int count = selection == null ? instruments.size() : selection.length;
    List<OrderPlanner.Line> lines = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int i = selection == null ? k : selection[k];
      Instrument inst = instruments.get(i);
      var pos = account.position(inst.id());
      var current =
          pos == null ? io.perpetua.core.Quantity.zero(inst.quantityScale()) : pos.quantity();
      lines.add(new OrderPlanner.Line(inst, weights[i], marks.price()[i], current));
    }
    OrderPlanner.Plan plan =
        planner.plan(strategy, id, now, equity, lines, minTradeFraction * equity);
    active = new ActiveRebalance(id, strategy, trigger, now, equity);
    active.wallStartMs = wallClock.getAsLong();
    submitting = true; // venue callbacks during submission must not complete the rebalance early
    for (Order order : plan.orders()) {
      active.total++;
      int i = index.get(order.instrument());
      double mark = marks.price()[i];
      double delta = order.signedQuantity().toDouble();
      double before = projected[i] * mark;
      double after = (projected[i] + delta) * mark;
      double grossAfter = gross - Math.abs(before) + Math.abs(after);
      OrderContext ctx =
          new OrderContext(mark, marks.timeMs()[i], now, equity, before, after, gross, grossAfter);
      PreTradeGuard guard = bypassRisk ? PRECISION : risk;
      Optional<PreTradeGuard.Rejection> rejection = guard.check(order, instruments.get(i), ctx);
      if (rejection.isPresent()) {
        reject(order, rejection.get().rule(), rejection.get().reason(), now);
        continue;
      }
      if (submit(order, now)) {
        projected[i] += delta;
        gross = grossAfter;
      }
    }
    submitting = false;
    finishIfDone();
    return plan.orders().size();
  }

  /** Routes the outcomes of every order to the kernel's bracket orders as well. */
  void setBrackets(io.perpetua.trading.kernel.algo.BracketBook brackets) {
    this.brackets = brackets;
  }

  /**
   * Checks one order of an execution algorithm (outside any rebalance) against the risk engine with
   * the portfolio context and sends it; false when it did not reach the venue.
   */
  boolean submitOne(Order order, List<Instrument> instruments, Marks marks, double equity) {
    long now = clock.nowMillis();
    int i = index.get(order.instrument());
    double[] projected = projectedQuantities(instruments);
    double gross = 0;
    for (int k = 0; k < projected.length; k++) {
      if (projected[k] != 0 && marks.price()[k] > 0) {
        gross += Math.abs(projected[k] * marks.price()[k]);
      }
    }
    double mark = marks.price()[i];
    double before = projected[i] * mark;
    double after = (projected[i] + order.signedQuantity().toDouble()) * mark;
    double grossAfter = gross - Math.abs(before) + Math.abs(after);
    OrderContext ctx =
        new OrderContext(mark, marks.timeMs()[i], now, equity, before, after, gross, grossAfter);
    Optional<PreTradeGuard.Rejection> rejection = risk.check(order, instruments.get(i), ctx);
    if (rejection.isPresent()) {
      reject(order, rejection.get().rule(), rejection.get().reason(), now);
      return false;
    }
    return submit(order, now);
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

  /** Sends a checked order; false when the venue could not be reached (the order is rejected). */
  private boolean submit(Order order, long now) {
    record(order, OrderStatus.PENDING, 0, 0, Money.ZERO, null, now);
    if (active != null) {
      active.open++;
    }
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

  /**
   * Position quantities (the kernel's mirror, by instrument index) plus the unfilled part of orders
   * still working.
   */
  private double[] projectedQuantities(List<Instrument> instruments) {
    double[] q = java.util.Arrays.copyOf(positionQty, instruments.size());
    for (OrderRecord r : working.values()) {
      double remaining = r.order().quantity().toDouble() - r.filledQuantity();
      q[index.get(r.order().instrument())] += r.order().side().sign() > 0 ? remaining : -remaining;
    }
    return q;
  }

  /**
   * Notional of the working orders that margin is reserved for ({@link
   * CrossMargin#openingQuantity}): unfilled quantity that opens or adds to a position, at the limit
   * price or else the mark; reduce-only orders reserve nothing.
   */
  double openOrderNotional(double[] marks) {
    double sum = 0;
    for (OrderRecord r : working.values()) {
      Order o = r.order();
      if (o.reduceOnly()) {
        continue;
      }
      int i = index.get(o.instrument());
      double price = o.limitPrice() != null ? o.limitPrice().toDouble() : marks[i];
      if (price > 0) {
        double remaining = (o.quantity().toDouble() - r.filledQuantity()) * o.side().sign();
        sum += CrossMargin.openingQuantity(positionQty[i], remaining) * price;
      }
    }
    return sum;
  }

  @Override
  public void onAccepted(Order order, long timeMs) {
    OrderRecord r = working.get(order.clientOrderId());
    if (r != null && r.status() == OrderStatus.PENDING) {
      record(order, OrderStatus.OPEN, 0, 0, Money.ZERO, null, timeMs);
    }
  }

  @Override
  public void onFill(Fill fill) {
    OrderRecord r = working.get(fill.clientOrderId());
    if (r == null || r.status().isTerminal()) {
      return;
    }
    var before = account.position(fill.instrument());
    Money realized = account.apply(fill);
    var after = account.position(fill.instrument());
    int was = before == null ? 0 : before.quantity().signum();
    int now = after == null ? 0 : after.quantity().signum();
    if (was != 0 && was != now) {
      risk.onRealized(fill.instrument(), realized.toDouble(), true, fill.timeMs());
    } else if (realized.signum() != 0) {
      risk.onRealized(fill.instrument(), realized.toDouble(), false, fill.timeMs());
    }
    positionChanged.accept(fill.instrument());
    newFills.add(fill);
    listener.onEvent(new OrderFilled(fill.timeMs(), fill));
    double qty = r.filledQuantity() + fill.quantity().toDouble();
    double avg =
        (r.averageFillPrice() * r.filledQuantity()
                + fill.price().toDouble() * fill.quantity().toDouble())
            / qty;
    boolean done =
        fill.quantity().toDouble() + r.filledQuantity() >= r.order().quantity().toDouble() - 1e-12;
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
      active.traded += fill.notional().toDouble();
      active.fees = active.fees.plus(fill.fee());
      if (done) {
        active.filled++;
        active.open--;
      }
      finishIfDone();
    }
    if (brackets != null) {
      brackets.onFill(fill);
    }
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
      record(
          r.order(),
          OrderStatus.CANCELLED,
          r.filledQuantity(),
          r.averageFillPrice(),
          r.fee(),
          null,
          timeMs);
      if (active != null && active.id.equals(r.order().rebalanceId())) {
        active.open--;
        active.failed++;
        finishIfDone();
      }
      if (brackets != null) {
        brackets.onCancelled(clientOrderId);
      }
    }
  }

  private void reject(Order order, String rule, String reason, long timeMs) {
    record(order, OrderStatus.REJECTED, 0, 0, Money.ZERO, rule + ": " + reason, timeMs);
    listener.onEvent(new OrderRejected(timeMs, order, rule, reason));
    if (active != null && active.id.equals(order.rebalanceId())) {
      active.failed++;
      finishIfDone();
    }
    if (brackets != null) {
      brackets.onRejected(order.clientOrderId());
    }
  }

  private void record(
      Order o, OrderStatus s, double filled, double avg, Money fee, String why, long t) {
    OrderRecord r = new OrderRecord(o, s, filled, avg, fee, why, venue.isSimulated(), t);
    if (s.isTerminal()) {
      working.remove(o.clientOrderId());
    } else {
      working.put(o.clientOrderId(), r);
    }
    changed.add(r);
  }

  private void finishIfDone() {
    if (active == null || active.open > 0 || submitting) {
      return;
    }
    long now = clock.nowMillis();
    int longs = 0;
    int shorts = 0;
    for (var p : account.openPositions()) {
      if (p.quantity().signum() > 0) {
        longs++;
      } else {
        shorts++;
      }
    }
    RebalanceCompleted done =
        new RebalanceCompleted(
            now,
            active.id,
            active.strategy,
            active.trigger,
            active.total,
            active.filled,
            active.failed,
            active.equity > 0 ? active.traded / active.equity : 0.0,
            active.fees,
            longs,
            shorts,
            Math.max(0, wallClock.getAsLong() - active.wallStartMs),
            active.startedMs,
            venue.isSimulated());
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
   * The rebalance in flight as one line for the checkpoint cursor (empty when none), so that {@link
   * #restore} can complete it with the same totals after a restart.
   */
  String exportActive() {
    if (active == null) {
      return "";
    }
    ActiveRebalance a = active;
    return String.join(
        "|",
        a.id.value(),
        a.strategy.value(),
        a.trigger,
        Long.toString(a.startedMs),
        Double.toString(a.equity),
        Integer.toString(a.total),
        Integer.toString(a.filled),
        Integer.toString(a.failed),
        Double.toString(a.traded),
        a.fees.toString(),
        Integer.toString(a.open),
        Long.toString(Math.max(0, wallClock.getAsLong() - a.wallStartMs)));
  }

  /**
   * After a restart: takes back the orders the journal holds as working ({@code open}; the
   * simulated venue lost them with the process) and re-sends the unfilled ones under their client
   * order ids, and the rebalance in flight from {@link #exportActive()}.
   */
  void restore(String activeLine, List<OrderRecord> open) {
    if (activeLine != null && !activeLine.isEmpty()) {
      String[] f = activeLine.split("\\|", -1);
      ActiveRebalance a =
          new ActiveRebalance(
              RebalanceId.of(f[0]),
              StrategyId.of(f[1]),
              f[2],
              Long.parseLong(f[3]),
              Double.parseDouble(f[4]));
      a.total = Integer.parseInt(f[5]);
      a.filled = Integer.parseInt(f[6]);
      a.failed = Integer.parseInt(f[7]);
      a.traded = Double.parseDouble(f[8]);
      a.fees = Money.parse(f[9]);
      a.open = Integer.parseInt(f[10]);
      // the wall time it had taken before the restart counts; the downtime does not
      a.wallStartMs = wallClock.getAsLong() - (f.length > 11 ? Long.parseLong(f[11]) : 0);
      active = a;
    }
    for (OrderRecord r : open) {
      if (!r.status().isTerminal()) {
        working.put(r.order().clientOrderId(), r);
      }
    }
    for (OrderRecord r : List.copyOf(working.values())) {
      if (r.filledQuantity() == 0) {
        venue.submit(r.order());
      } else if (venue instanceof io.perpetua.trading.port.PriceDrivenVenue sim) {
        // partly filled: a simulation rests the rest (a real venue still has it)
        int scale = r.order().quantity().scale();
        sim.resume(r.order(), io.perpetua.core.Quantity.of(r.filledQuantity(), scale));
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
    Delta d = new Delta(List.copyOf(changed), List.copyOf(newFills), List.copyOf(completed));
    changed.clear();
    newFills.clear();
    completed.clear();
    return d;
  }

  record Delta(List<OrderRecord> orders, List<Fill> fills, List<RebalanceCompleted> rebalances) {
    boolean isEmpty() {
      return orders.isEmpty() && fills.isEmpty() && rebalances.isEmpty();
    }
  }
}
