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
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.portfolio.OrderPlanner;
import io.perpetua.trading.risk.PreTradeGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The execution half of the pipeline: plans orders from target weights, passes each through the
 * {@link PreTradeGuard}, sends it to the {@link Venue}, applies fills to the {@link Account} and
 * keeps the order records and rebalance totals. Not thread-safe (kernel thread).
 */
final class ExecutionService implements VenueListener {
  private final Venue venue;
  private final PreTradeGuard guard;
  private final Account account;
  private final Clock clock;
  private final KernelListener listener;
  private final OrderPlanner planner = new OrderPlanner();
  private final Map<ClientOrderId, OrderRecord> working = new LinkedHashMap<>();
  private final List<OrderRecord> changed = new ArrayList<>();
  private final List<Fill> newFills = new ArrayList<>();
  private final List<RebalanceCompleted> completed = new ArrayList<>();
  private final PipelineStage stage;
  private final Consumer<InstrumentId> positionChanged;
  private ActiveRebalance active;
  private boolean submitting;

  private static final class ActiveRebalance {
    final RebalanceId id;
    final StrategyId strategy;
    final String trigger;
    final long startedMs;
    final double equity;
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
      PreTradeGuard guard,
      Account account,
      Clock clock,
      KernelListener listener,
      PipelineStage stage,
      Consumer<InstrumentId> positionChanged) {
    this.positionChanged = positionChanged;
    this.venue = venue;
    this.guard = guard;
    this.account = account;
    this.clock = clock;
    this.listener = listener;
    this.stage = stage;
    venue.setListener(this);
  }

  /** Starts a rebalance toward {@code weights}; returns the number of orders sent. */
  int rebalance(
      StrategyId strategy,
      RebalanceId id,
      String trigger,
      List<Instrument> instruments,
      double[] weights,
      ToDoubleFunction<Integer> mark,
      double equity,
      double minTradeFraction) {
    long now = clock.nowMillis();
    stage.running();
    List<OrderPlanner.Line> lines = new ArrayList<>(instruments.size());
    for (int i = 0; i < instruments.size(); i++) {
      Instrument inst = instruments.get(i);
      var pos = account.position(inst.id());
      var current =
          pos == null ? io.perpetua.core.Quantity.zero(inst.quantityScale()) : pos.quantity();
      lines.add(new OrderPlanner.Line(inst, weights[i], mark.applyAsDouble(i), current));
    }
    OrderPlanner.Plan plan =
        planner.plan(strategy, id, now, equity, lines, minTradeFraction * equity);
    active = new ActiveRebalance(id, strategy, trigger, now, equity);
    Map<InstrumentId, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < instruments.size(); i++) {
      index.put(instruments.get(i).id(), i);
    }
    submitting = true; // venue callbacks during submission must not complete the rebalance early
    for (Order order : plan.orders()) {
      active.total++;
      int i = index.get(order.instrument());
      Optional<PreTradeGuard.Rejection> rejection =
          guard.check(order, instruments.get(i), mark.applyAsDouble(i));
      if (rejection.isPresent()) {
        reject(order, rejection.get().rule(), rejection.get().reason(), now);
        continue;
      }
      record(order, OrderStatus.PENDING, 0, 0, Money.ZERO, null, now);
      active.open++;
      listener.onEvent(new OrderSubmitted(now, order));
      listener.onOrderSent(order);
      venue.submit(order);
    }
    submitting = false;
    finishIfDone();
    return plan.orders().size();
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
    account.apply(fill);
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
    }
  }

  private void reject(Order order, String rule, String reason, long timeMs) {
    record(order, OrderStatus.REJECTED, 0, 0, Money.ZERO, rule + ": " + reason, timeMs);
    listener.onEvent(new OrderRejected(timeMs, order, rule, reason));
    if (active != null && active.id.equals(order.rebalanceId())) {
      active.failed++;
      finishIfDone();
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
            now - active.startedMs);
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

  /** True while a rebalance has orders in flight. */
  boolean busy() {
    return active != null;
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
