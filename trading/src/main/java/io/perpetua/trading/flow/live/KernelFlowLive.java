package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.order.Position;
import io.perpetua.trading.port.AccountState;
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
 * The flow strategies' live orders, positions and KPIs read from the kernel's records: positions,
 * realised PnL, fees and funding from the flow kernel's fixed-point account; the order records and
 * fills the kernel journaled for its flow account (so they span restarts), each order named by its
 * trade and leg through a {@link FlowLegIndex}, for the orders and the maker/taker sums. Nothing is
 * copied, mirrored or re-derived: these are the orders the kernel sent through its venue port and
 * the account its fills moved. Thread-safe (reads only).
 */
public final class KernelFlowLive implements FlowLiveView {
  private final Supplier<List<OrderRecord>> records;
  private final Supplier<List<Fill>> fills;
  private final FlowLegIndex legs;
  private final ToDoubleFunction<InstrumentId> marks;
  private final Supplier<AccountState> account;
  private final double capital;
  private final BooleanSupplier reachable;

  /**
   * A view.
   *
   * @param records the kernel's order records, newest first (orders of other strategies ignored)
   * @param fills the kernel's fills (fills of other orders ignored)
   * @param legs which trade and leg an order is
   * @param marks the latest price of a symbol (NaN when unknown)
   * @param account the flow kernel's account (a snapshot between ticks): positions, realised PnL,
   *     fees and funding
   * @param capital the capital shown as equity before any PnL
   * @param reachable whether the venue answered lately
   */
  public KernelFlowLive(
      Supplier<List<OrderRecord>> records,
      Supplier<List<Fill>> fills,
      FlowLegIndex legs,
      ToDoubleFunction<InstrumentId> marks,
      Supplier<AccountState> account,
      double capital,
      BooleanSupplier reachable) {
    this.records = records;
    this.fills = fills;
    this.legs = legs;
    this.marks = marks;
    this.account = account;
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

  /** The KPI sums of one symbol's flow orders and fills (positions are the account's). */
  private static final class Sums {
    final java.util.Set<StrategyId> strategies = new java.util.LinkedHashSet<>();
    Money fees = Money.ZERO;
    double notional;
    double makerNotional;
    int orders;
    int fills;

    void fill(Fill f) {
      double n = f.quantity().toDouble() * f.price().toDouble();
      fills++;
      fees = fees.plus(f.fee());
      notional += n;
      makerNotional += f.liquidity() == Liquidity.MAKER ? n : 0;
    }
  }

  private static Map<InstrumentId, Sums> sums(List<Row> rows) {
    Map<InstrumentId, Sums> out = new LinkedHashMap<>();
    for (Row row : rows.reversed()) { // oldest first: strategies in the order they traded
      Sums sum = out.computeIfAbsent(row.record.order().instrument(), k -> new Sums());
      sum.strategies.add(row.ref.strategy());
      sum.orders += status(row.record).sent() ? 1 : 0;
      row.fills.forEach(sum::fill);
    }
    return out;
  }

  /**
   * Per symbol the flow account's position (quantity, entry cost and realised PnL: the kernel's
   * fixed-point {@code Account}, which nets the strategies as the venue does), with the KPI sums of
   * the flow orders on it (strategies, orders, fills, fees, maker share).
   */
  @Override
  public List<FlowLivePosition> positions() {
    Map<InstrumentId, Sums> sums = sums(rows());
    List<FlowLivePosition> out = new ArrayList<>();
    for (Position p : account.get().positions()) {
      Sums sum = sums.getOrDefault(p.instrument(), new Sums());
      double mark = marks.applyAsDouble(p.instrument());
      boolean flat = p.quantity().isZero();
      out.add(
          new FlowLivePosition(
              List.copyOf(sum.strategies),
              p.instrument(),
              p.quantity().toDouble(),
              flat ? Double.NaN : p.averageEntryPrice(),
              mark,
              flat || Double.isNaN(mark) ? 0 : p.unrealizedPnl(mark),
              p.realizedPnl().toDouble(),
              sum.fees.toDouble(),
              Double.NaN,
              sum.notional > 0 ? sum.makerNotional / sum.notional : Double.NaN,
              sum.orders,
              sum.fills));
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
    AccountState a = account.get();
    Money realized = Money.ZERO;
    double unrealized = 0;
    for (Position p : a.positions()) {
      realized = realized.plus(p.realizedPnl());
      double mark = marks.applyAsDouble(p.instrument());
      unrealized += p.quantity().isZero() || Double.isNaN(mark) ? 0 : p.unrealizedPnl(mark);
    }
    Money pnl = realized.minus(a.totalFees()).plus(a.totalFunding());
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
        a.totalFees().toDouble(),
        realized.toDouble(),
        capital + pnl.toDouble() + unrealized,
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
