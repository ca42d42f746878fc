package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Price;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.flow.StrategyKey;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/** One order of the executor and what the venue did with it. Guarded by the executor's lock. */
final class Tracked {
  final ClientOrderId id;
  final StrategyKey key;
  final String positionId;
  final FlowLiveLeg leg;
  final int attempt;
  final OrderSide side;
  final BigDecimal quantity;
  final boolean reduceOnly;
  final ClientOrderId fallbackId;
  final double paperPrice;
  final long decisionTimeMs;
  final Set<TradeId> trades = new HashSet<>();
  FlowLiveOrderStatus status = FlowLiveOrderStatus.SUBMITTED;

  /** The limit price of an exit limit (post-only), null for a market order or an entry. */
  Price limitPrice;

  /** Why the executor asked the venue to cancel it (null: not asked). */
  String cancelReason;

  String reason;
  BigDecimal filled = BigDecimal.ZERO;
  double notional;
  double fees;
  double makerQuantity;
  long updatedMs;

  Tracked(
      ClientOrderId id,
      Mirror mirror,
      FlowLiveLeg leg,
      int attempt,
      OrderSide side,
      BigDecimal quantity,
      boolean reduceOnly,
      ClientOrderId fallbackId,
      double paperPrice,
      long decisionTimeMs) {
    this.id = id;
    this.key = mirror.key;
    this.positionId = mirror.id;
    this.leg = leg;
    this.attempt = attempt;
    this.side = side;
    this.quantity = quantity;
    this.reduceOnly = reduceOnly;
    this.fallbackId = fallbackId;
    this.paperPrice = paperPrice;
    this.decisionTimeMs = decisionTimeMs;
    this.updatedMs = decisionTimeMs;
  }

  /** True for an exit limit (TP1/TP2/timeout), false for market orders and entries. */
  boolean exitLimit() {
    return limitPrice != null;
  }

  BigDecimal remaining() {
    return quantity.subtract(filled);
  }

  /** Ends the order with {@code status} (and a reason) unless it has ended already. */
  boolean end(FlowLiveOrderStatus s, String why, long timeMs) {
    if (status.terminal()) {
      return false;
    }
    status = s;
    reason = why;
    updatedMs = timeMs;
    return true;
  }

  FlowLiveOrder view() {
    double f = filled.doubleValue();
    double average = f > 0 ? notional / f : Double.NaN;
    int sign = side == OrderSide.BUY ? 1 : -1;
    double slippage =
        f > 0 && paperPrice > 0 ? sign * (average - paperPrice) / paperPrice * 1e4 : Double.NaN;
    return new FlowLiveOrder(
        id.value(),
        key.strategyId(),
        positionId,
        key.instrument(),
        leg,
        attempt,
        side,
        fallbackId != null || limitPrice != null,
        reduceOnly,
        status,
        quantity.doubleValue(),
        f,
        average,
        paperPrice,
        slippage,
        fees,
        makerQuantity,
        reason,
        fallbackId == null ? null : fallbackId.value(),
        limitPrice == null ? Double.NaN : limitPrice.toDouble(),
        decisionTimeMs,
        updatedMs);
  }
}
