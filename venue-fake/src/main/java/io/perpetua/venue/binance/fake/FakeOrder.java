package io.perpetua.venue.binance.fake;

import java.math.BigDecimal;

/** An order inside the fake venue; guarded by the {@link FakeExchange} lock. */
final class FakeOrder {
  final long orderId;
  final String symbol;
  final String clientOrderId;
  final String side;
  final String type;
  final String timeInForce;
  final BigDecimal price;
  final BigDecimal origQty;
  final boolean reduceOnly;
  final long time;
  BigDecimal executedQty = BigDecimal.ZERO;
  BigDecimal cumQuote = BigDecimal.ZERO;
  String status = "NEW";
  long updateTime;

  FakeOrder(
      long orderId,
      String symbol,
      String clientOrderId,
      String side,
      String type,
      String timeInForce,
      BigDecimal price,
      BigDecimal origQty,
      boolean reduceOnly,
      long time) {
    this.orderId = orderId;
    this.symbol = symbol;
    this.clientOrderId = clientOrderId;
    this.side = side;
    this.type = type;
    this.timeInForce = timeInForce;
    this.price = price;
    this.origQty = origQty;
    this.reduceOnly = reduceOnly;
    this.time = time;
    this.updateTime = time;
  }

  BigDecimal remaining() {
    return origQty.subtract(executedQty);
  }

  boolean isBuy() {
    return "BUY".equals(side);
  }

  boolean isOpen() {
    return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
  }

  BigDecimal avgPrice() {
    return executedQty.signum() == 0
        ? BigDecimal.ZERO
        : cumQuote.divide(executedQty, 8, java.math.RoundingMode.HALF_EVEN);
  }
}
