package io.perpetua.trading.carry;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;

/**
 * One line of a carry's ledger: a leg's fill or a funding settlement, with both positions after it.
 * Dry-run and real mode keep the same ledger, so the two can be compared ({@link #withoutPrices};
 * the order of two legs' fills may differ between modes, so compare them sorted).
 *
 * @param kind {@code fill} or {@code funding}
 * @param clientOrderId the fill's order ({@code ""} for funding)
 * @param side {@code BUY}/{@code SELL} ({@code ""} for funding)
 * @param quantity filled quantity (zero for funding)
 * @param price fill price ({@code null} for funding: no trade)
 * @param fee fee in the quote currency
 * @param funding funding received (+) or paid (−), quote currency
 * @param spotPosition spot position after it
 * @param perpPosition perp position after it (a short is negative)
 * @param timeMs when, epoch ms
 */
public record CarryLedger(
    String kind,
    String clientOrderId,
    String side,
    Quantity quantity,
    Price price,
    Money fee,
    Money funding,
    Quantity spotPosition,
    Quantity perpPosition,
    long timeMs) {
  static CarryLedger fill(Fill f, Quantity spot, Quantity perp) {
    return new CarryLedger(
        "fill",
        f.clientOrderId().value(),
        f.side().name(),
        f.quantity(),
        f.price(),
        f.fee(),
        Money.ZERO,
        spot,
        perp,
        f.timeMs());
  }

  static CarryLedger funding(long timeMs, Money amount, Quantity spot, Quantity perp) {
    return new CarryLedger(
        "funding",
        "",
        "",
        Quantity.zero(perp.scale()),
        null,
        Money.ZERO,
        amount,
        spot,
        perp,
        timeMs);
  }

  /**
   * This line without what depends on the market or on the order events arrived in (prices, fees,
   * funding amount, positions, time), as text: {@code kind clientOrderId side quantity}.
   */
  public String withoutPrices() {
    return kind + " " + clientOrderId + " " + side + " " + quantity.raw();
  }
}
