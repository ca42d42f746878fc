package io.perpetua.venue.generic;

import java.math.BigDecimal;

/**
 * What the generic exchange tells its session about the account's orders, in the order it happened.
 * Immutable records.
 */
public sealed interface GenericEvent {
  /** The client order id the event is about. */
  String clientId();

  /**
   * The order was accepted and got the venue's id.
   *
   * @param clientId the client order id
   * @param venueOrderId the venue's order id ({@code GX-<n>})
   */
  record Accepted(String clientId, String venueOrderId) implements GenericEvent {}

  /**
   * One execution.
   *
   * @param clientId the client order id
   * @param tradeId the venue's trade id ({@code <symbol>:<n>})
   * @param symbol venue symbol
   * @param buy true for a buy
   * @param quantity filled quantity
   * @param price execution price
   * @param fee fee paid (negative: rebate)
   * @param maker true when the order was resting
   * @param timeMs execution time
   */
  record Traded(
      String clientId,
      String tradeId,
      String symbol,
      boolean buy,
      BigDecimal quantity,
      BigDecimal price,
      BigDecimal fee,
      boolean maker,
      long timeMs)
      implements GenericEvent {}

  /**
   * The order ended unfilled or partly filled (cancelled on request).
   *
   * @param clientId the client order id
   */
  record Cancelled(String clientId) implements GenericEvent {}

  /**
   * The order was refused (nothing rests, nothing filled).
   *
   * @param clientId the client order id
   * @param reason the venue's reason code, e.g. {@code post_only_would_take}
   */
  record Rejected(String clientId, String reason) implements GenericEvent {}
}
