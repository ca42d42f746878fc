package io.perpetua.store.contract;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.order.Position;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import java.util.List;
import java.util.Map;

/** Builders of journal test data. */
final class JournalFixtures {
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  static final InstrumentId PEPE = InstrumentId.usdtPerp("1000PEPE");
  static final StrategyId STRATEGY = StrategyId.of("baseline_rev");
  static final long T0 = 1_772_495_700_000L;

  private JournalFixtures() {}

  static AccountState account(String id, String wallet, long asOfMs, Position... positions) {
    return new AccountState(
        id,
        Money.parse(wallet),
        List.of(positions),
        Money.parse("1.25"),
        Money.parse("-0.5"),
        asOfMs);
  }

  static Position position(InstrumentId instrument, String quantity, int scale, String cost) {
    return new Position(
        instrument, Quantity.parse(quantity, scale), Money.parse(cost), Money.parse("3.5"));
  }

  static Order marketOrder(String id, InstrumentId instrument, long createdAtMs) {
    return new Order(
        ClientOrderId.of(id),
        instrument,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse("0.005", 3),
        null,
        false,
        STRATEGY,
        RebalanceId.of("rb-1"),
        createdAtMs);
  }

  static Order limitOrder(String id, InstrumentId instrument, long createdAtMs) {
    return new Order(
        ClientOrderId.of(id),
        instrument,
        OrderSide.SELL,
        OrderType.LIMIT,
        Quantity.parse("12.5", 1),
        Price.parse("3012.34", 2),
        true,
        STRATEGY,
        null,
        createdAtMs);
  }

  static OrderRecord record(Order order, OrderStatus status, long updatedAtMs) {
    boolean filled = status == OrderStatus.FILLED;
    return new OrderRecord(
        order,
        status,
        filled ? order.quantity() : Quantity.zero(order.quantity().scale()),
        filled
            ? Price.parse("62450.5", OrderRecord.AVERAGE_PRICE_SCALE)
            : OrderRecord.NO_FILL_PRICE,
        filled ? Money.parse("0.12345678") : Money.ZERO,
        status == OrderStatus.REJECTED ? "min_notional: 4.2 < 5" : null,
        true,
        updatedAtMs);
  }

  static Fill fill(String tradeId, Order order, long timeMs) {
    return new Fill(
        TradeId.of(tradeId),
        order.clientOrderId(),
        order.instrument(),
        order.side(),
        order.quantity(),
        Price.parse("62450.1", 1),
        Money.parse("0.01561253"),
        Liquidity.TAKER,
        timeMs);
  }

  static FundingSettled funding(InstrumentId instrument, long timeMs, String amount) {
    return new FundingSettled(timeMs, instrument, 0.0001, Money.parse(amount));
  }

  static RebalanceCompleted rebalance(String id, long timeMs, int filled) {
    return new RebalanceCompleted(
        timeMs,
        RebalanceId.of(id),
        STRATEGY,
        "cron",
        12,
        filled,
        12 - filled,
        0.3456,
        Money.parse("1.23456789"),
        30,
        30,
        842,
        timeMs - 60_000,
        filled % 2 == 0); // both values of dry_run round-trip
  }

  static KernelCheckpoint checkpoint(
      AccountState account,
      Map<String, String> cursor,
      List<OrderRecord> orders,
      List<Fill> fills,
      List<FundingSettled> funding,
      List<RebalanceCompleted> rebalances) {
    return new KernelCheckpoint(account, cursor, orders, fills, funding, rebalances);
  }
}
