package io.perpetua.trading.port;

import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderStatus;

/**
 * An order with its current execution state, as journaled.
 *
 * @param order the order as decided
 * @param status current status
 * @param filledQuantity filled so far (same scale as the order quantity), as a double for display
 * @param averageFillPrice average fill price, or 0 when nothing filled
 * @param fee total fee paid
 * @param rejectReason why it was rejected, or null
 * @param dryRun true when no real venue was involved (paper/backtest)
 * @param updatedAtMs kernel time of the last change
 */
public record OrderRecord(
    Order order,
    OrderStatus status,
    double filledQuantity,
    double averageFillPrice,
    Money fee,
    String rejectReason,
    boolean dryRun,
    long updatedAtMs) {}
