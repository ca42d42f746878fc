package io.perpetua.trading.flow.live;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.OrderSide;

/**
 * One order of the order-flow live executor, as the API shows it.
 *
 * <p>Immutable snapshot.
 *
 * @param clientOrderId the deterministic client order id ({@code ClientOrderIds.derive(strategy,
 *     position id, leg)}; a retried leg appends {@code -2}, {@code -3})
 * @param strategyId the strategy
 * @param positionId the paper position it mirrors
 * @param instrument the symbol
 * @param leg entry, tp1, tp2, timeout or exit
 * @param attempt 1 for the first order of the leg, then 2, 3 after failures
 * @param side buy or sell
 * @param postOnly true when it went out as a post-only limit: a maker-first entry (then at most one
 *     market fallback under {@code fallbackClientOrderId}) or a pre-placed exit limit (TP1, TP2,
 *     timeout exit; its market fallback is a separate order)
 * @param reduceOnly true when sent reduce-only
 * @param status where it stands
 * @param quantity the quantity asked (0 when skipped below the step)
 * @param filledQuantity the quantity filled at the venue
 * @param averageFillPrice the average fill price (NaN before a fill)
 * @param paperPrice the paper engine's price for the same step (entry fill, TP level, exit price)
 * @param slippageBps fill price against the paper price in bps, positive = worse (NaN before a
 *     fill)
 * @param fees the fees paid (negative: rebates)
 * @param makerQuantity the quantity filled as maker
 * @param reason why it was risk-rejected, skipped, rejected or cancelled (null otherwise)
 * @param fallbackClientOrderId the id of the maker-first entry's market fallback (null otherwise)
 * @param limitPrice the limit price of an exit limit (NaN for market orders and for maker-first
 *     entries, which {@code MakerFirstVenue} prices)
 * @param decisionTimeMs the engine's event time when the order was decided
 * @param updatedMs the venue's time of the latest event of the order (the decision time before)
 */
public record FlowLiveOrder(
    String clientOrderId,
    StrategyId strategyId,
    String positionId,
    InstrumentId instrument,
    FlowLiveLeg leg,
    int attempt,
    OrderSide side,
    boolean postOnly,
    boolean reduceOnly,
    FlowLiveOrderStatus status,
    double quantity,
    double filledQuantity,
    double averageFillPrice,
    double paperPrice,
    double slippageBps,
    double fees,
    double makerQuantity,
    String reason,
    String fallbackClientOrderId,
    double limitPrice,
    long decisionTimeMs,
    long updatedMs) {}
