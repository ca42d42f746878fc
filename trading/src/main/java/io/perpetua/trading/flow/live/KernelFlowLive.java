package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.port.OrderRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The flow strategies' live orders, positions and KPIs read from the kernel's records: the order
 * records and fills the kernel journaled for its flow account (so they span restarts), each order
 * named by its trade and leg through a {@link FlowLegIndex}. Nothing is copied or mirrored: these
 * are the orders the kernel sent through its venue port. Thread-safe (reads only).
 */
public final class KernelFlowLive implements FlowLiveView {
  private final Supplier<List<OrderRecord>> records;
  private final Supplier<List<Fill>> fills;
  private final FlowLegIndex legs;
  private final ToDoubleFunction<InstrumentId> marks;
  private final double capital;
  private final BooleanSupplier reachable;

  /**
   * A view.
   *
   * @param records the kernel's order records, newest first (orders of other strategies ignored)
   * @param fills the kernel's fills (fills of other orders ignored)
   * @param legs which trade and leg an order is
   * @param marks the latest price of a symbol (NaN when unknown)
   * @param capital the flow account's capital, for the equity
   * @param reachable whether the venue answered lately
   */
  public KernelFlowLive(
      Supplier<List<OrderRecord>> records,
      Supplier<List<Fill>> fills,
      FlowLegIndex legs,
      ToDoubleFunction<InstrumentId> marks,
      double capital,
      BooleanSupplier reachable) {
    this.records = records;
    this.fills = fills;
    this.legs = legs;
    this.marks = marks;
    this.capital = capital;
    this.reachable = reachable;
  }

  /** One flow order with its fills. */
  private record Row(OrderRecord record, FlowLegIndex.Ref ref, List<Fill> fills) {}

  private List<Row> rows() {
    Map<ClientOrderId, List<Fill>> byOrder = new HashMap<>();
    for (Fill f : fills.get()) {
      byOrder.computeIfAbsent(f.clientOrderId(), k -> new ArrayList<>()).add(f);
    }
    List<Row> out = new ArrayList<>();
    for (OrderRecord r : records.get()) {
      FlowLegIndex.Ref ref = legs.find(r.order());
      if (ref != null) {
        out.add(new Row(r, ref, byOrder.getOrDefault(r.order().clientOrderId(), List.of())));
      }
    }
    return out;
  }

  @Override
  public List<FlowLiveOrder> orders(
      StrategyId strategy, InstrumentId instrument, FlowLiveOrderStatus status) {
    List<FlowLiveOrder> out = new ArrayList<>();
    for (Row row : rows()) {
      FlowLiveOrder o = order(row);
      if ((strategy == null || strategy.equals(o.strategyId()))
          && (instrument == null || instrument.equals(o.instrument()))
          && (status == null || status == o.status())) {
        out.add(o);
      }
    }
    return out;
  }

  static FlowLiveOrderStatus status(OrderRecord r) {
    return switch (r.status()) {
      case PENDING -> FlowLiveOrderStatus.SUBMITTED;
      case OPEN, PARTIALLY_FILLED -> FlowLiveOrderStatus.WORKING;
      case FILLED -> FlowLiveOrderStatus.FILLED;
      case CANCELLED, EXPIRED -> FlowLiveOrderStatus.CANCELLED;
      case REJECTED ->
          r.rejectReason() != null && r.rejectReason().startsWith("venue")
              ? FlowLiveOrderStatus.REJECTED
              : FlowLiveOrderStatus.RISK_REJECTED;
    };
  }

  private static FlowLiveOrder order(Row row) {
    OrderRecord r = row.record;
    Order o = r.order();
    double maker = 0;
    for (Fill f : row.fills) {
      maker += f.liquidity() == Liquidity.MAKER ? f.quantity().toDouble() : 0;
    }
    double filled = r.filledQuantity().toDouble();
    boolean limit = o.type() == OrderType.LIMIT;
    return new FlowLiveOrder(
        o.clientOrderId().value(),
        row.ref.strategy(),
        row.ref.key(),
        o.instrument(),
        row.ref.leg(),
        row.ref.attempt(),
        o.side(),
        limit,
        o.reduceOnly(),
        status(r),
        o.quantity().toDouble(),
        filled,
        filled > 0 ? r.averageFillPrice().toDouble() : Double.NaN,
        Double.NaN,
        Double.NaN,
        r.fee().toDouble(),
        maker,
        r.rejectReason(),
        null,
        limit && o.limitPrice() != null ? o.limitPrice().toDouble() : Double.NaN,
        o.createdAtMs(),
        r.updatedAtMs());
  }

  /** What the fills of one strategy on one symbol add up to. */
  private static final class Book {
    final StrategyId strategy;
    final InstrumentId instrument;
    double quantity;
    double cost; // signed entry cost of the open quantity
    double realized;
    double fees;
    double notional;
    double makerNotional;
    int orders;
    int fills;

    Book(StrategyId strategy, InstrumentId instrument) {
      this.strategy = strategy;
      this.instrument = instrument;
    }

    void fill(Fill f) {
      double q = (f.side() == OrderSide.BUY ? 1 : -1) * f.quantity().toDouble();
      double p = f.price().toDouble();
      fills++;
      fees += f.fee().toDouble();
      notional += Math.abs(q) * p;
      makerNotional += f.liquidity() == Liquidity.MAKER ? Math.abs(q) * p : 0;
      if (quantity != 0 && Math.signum(q) != Math.signum(quantity)) {
        double closing = Math.min(Math.abs(q), Math.abs(quantity)) * Math.signum(q);
        double avg = cost / quantity;
        realized += -closing * (p - avg);
        cost += closing * avg;
        quantity += closing;
        q -= closing;
      }
      quantity += q;
      cost += q * p;
      if (Math.abs(quantity) < 1e-12) {
        quantity = 0;
        cost = 0;
      }
    }
  }

  private Map<String, Book> books(List<Row> rows) {
    Map<String, Book> books = new LinkedHashMap<>();
    for (Row row : rows.reversed()) { // oldest first
      Order o = row.record.order();
      Book b =
          books.computeIfAbsent(
              row.ref.strategy().value() + "|" + o.instrument().venueSymbol(),
              k -> new Book(row.ref.strategy(), o.instrument()));
      b.orders += status(row.record).sent() ? 1 : 0;
      List<Fill> fs = new ArrayList<>(row.fills);
      fs.sort(java.util.Comparator.comparingLong(Fill::timeMs));
      fs.forEach(b::fill);
    }
    return books;
  }

  @Override
  public List<FlowLivePosition> positions() {
    List<FlowLivePosition> out = new ArrayList<>();
    for (Book b : books(rows()).values()) {
      double mark = marks.applyAsDouble(b.instrument);
      double avg = b.quantity == 0 ? Double.NaN : b.cost / b.quantity;
      double unrealized = b.quantity == 0 || Double.isNaN(mark) ? 0 : b.quantity * (mark - avg);
      out.add(
          new FlowLivePosition(
              b.strategy,
              b.instrument,
              b.quantity,
              avg,
              mark,
              unrealized,
              b.realized,
              b.fees,
              Double.NaN,
              b.notional > 0 ? b.makerNotional / b.notional : Double.NaN,
              b.orders,
              b.fills));
    }
    return out;
  }

  @Override
  public FlowLiveKpis kpis() {
    List<Row> rows = rows();
    long[] byStatus = new long[FlowLiveOrderStatus.values().length];
    double notional = 0;
    double maker = 0;
    double entryNotional = 0;
    double entryMaker = 0;
    for (Row row : rows) {
      byStatus[status(row.record).ordinal()]++;
      for (Fill f : row.fills) {
        double n = f.quantity().toDouble() * f.price().toDouble();
        boolean m = f.liquidity() == Liquidity.MAKER;
        notional += n;
        maker += m ? n : 0;
        if (row.ref.leg() == FlowLiveLeg.ENTRY) {
          entryNotional += n;
          entryMaker += m ? n : 0;
        }
      }
    }
    double fees = 0;
    double realized = 0;
    double unrealized = 0;
    for (FlowLivePosition p : positions()) {
      fees += p.fees();
      realized += p.realizedPnl();
      unrealized += p.unrealizedPnl();
    }
    long sent = 0;
    for (FlowLiveOrderStatus s : FlowLiveOrderStatus.values()) {
      sent += s.sent() ? byStatus[s.ordinal()] : 0;
    }
    return new FlowLiveKpis(
        sent,
        byStatus[FlowLiveOrderStatus.FILLED.ordinal()],
        byStatus[FlowLiveOrderStatus.SUBMITTED.ordinal()]
            + byStatus[FlowLiveOrderStatus.WORKING.ordinal()],
        byStatus[FlowLiveOrderStatus.CANCELLED.ordinal()],
        byStatus[FlowLiveOrderStatus.REJECTED.ordinal()],
        byStatus[FlowLiveOrderStatus.RISK_REJECTED.ordinal()],
        0,
        notional > 0 ? maker / notional : Double.NaN,
        entryNotional > 0 ? entryMaker / entryNotional : Double.NaN,
        Double.NaN,
        fees,
        realized,
        capital + realized - fees + unrealized,
        null,
        FlowLiveExitCounts.of(rows.stream().map(r -> r.record).toList(), legs),
        reachable.getAsBoolean(),
        null,
        0,
        0,
        null,
        0,
        0,
        0);
  }
}
