package io.perpetua.trading.control;

import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;

/**
 * One hedge leg as it ended (or, in a dry run, as it would have been sent).
 *
 * @param accountId the account it went to
 * @param clientOrderId its deterministic client order id
 * @param side buy or sell
 * @param requested quantity sent (units of the underlying)
 * @param filled quantity filled
 * @param averagePrice average fill price (the estimate in a dry run), or null when nothing filled
 * @param fees fees paid (estimated in a dry run)
 * @param status how it ended
 * @param reason why it did not fill completely, or null
 * @param timeMs when it ended, epoch ms
 */
public record LegResult(
    String accountId,
    String clientOrderId,
    OrderSide side,
    BigDecimal requested,
    BigDecimal filled,
    BigDecimal averagePrice,
    BigDecimal fees,
    Status status,
    String reason,
    long timeMs) {
  /** How a leg ended. */
  public enum Status {
    FILLED,
    PARTIALLY_FILLED,
    REJECTED,
    CANCELLED,
    TIMED_OUT,
    PLANNED
  }

  /** True when the leg did not fill completely (and was not only planned). */
  public boolean failed() {
    return status != Status.PLANNED && filled.compareTo(requested) < 0;
  }

  /** The signed change of delta: + filled for a buy, − for a sell. */
  public BigDecimal deltaChange() {
    BigDecimal q = status == Status.PLANNED ? requested : filled;
    return side == OrderSide.BUY ? q : q.negate();
  }
}
