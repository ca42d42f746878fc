package io.perpetua.trading.carry;

import io.perpetua.core.order.Fill;

/**
 * One line of a carry's ledger: a leg's fill or a funding settlement, with both positions after it.
 * Dry-run and real mode keep the same ledger, so the two can be compared ({@link #withoutPrices};
 * the order of two legs' fills may differ between modes, so compare them sorted).
 *
 * @param kind {@code fill} or {@code funding}
 * @param clientOrderId the fill's order ({@code ""} for funding)
 * @param side {@code BUY}/{@code SELL} ({@code ""} for funding)
 * @param quantity filled raw units (0 for funding)
 * @param price fill price (0 for funding)
 * @param fee fee in the quote currency
 * @param funding funding received (+) or paid (−), quote currency
 * @param spotPosition spot position after it, raw units
 * @param perpPosition perp position after it, raw units
 * @param timeMs when, epoch ms
 */
public record CarryLedger(
    String kind,
    String clientOrderId,
    String side,
    long quantity,
    double price,
    double fee,
    double funding,
    long spotPosition,
    long perpPosition,
    long timeMs) {
  static CarryLedger fill(Fill f, long spot, long perp) {
    return new CarryLedger(
        "fill",
        f.clientOrderId().value(),
        f.side().name(),
        f.quantity().raw(),
        f.price().toDouble(),
        f.fee().toDouble(),
        0,
        spot,
        perp,
        f.timeMs());
  }

  static CarryLedger funding(long timeMs, double amount, long spot, long perp) {
    return new CarryLedger("funding", "", "", 0, 0, 0, amount, spot, perp, timeMs);
  }

  /**
   * This line without what depends on the market or on the order events arrived in (prices, fees,
   * funding amount, positions, time), as text: {@code kind clientOrderId side quantity}.
   */
  public String withoutPrices() {
    return kind + " " + clientOrderId + " " + side + " " + quantity;
  }
}
