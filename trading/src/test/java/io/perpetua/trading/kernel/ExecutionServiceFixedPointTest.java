package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order path's fill arithmetic is exact: "done" and the average fill price. */
class ExecutionServiceFixedPointTest {
  private static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  private static final long T0 = 1_700_000_000_000L;

  /** A venue that accepts everything and fills only when the test says so. */
  private static final class HeldVenue implements Venue {
    VenueListener listener;
    final List<Order> submitted = new ArrayList<>();

    @Override
    public void setListener(VenueListener listener) {
      this.listener = listener;
    }

    @Override
    public void submit(Order order) {
      submitted.add(order);
      listener.onAccepted(order, T0);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      listener.onCancelled(clientOrderId, T0);
    }

    @Override
    public boolean isSimulated() {
      return true;
    }
  }

  private final HeldVenue venue = new HeldVenue();
  private ExecutionService execution;
  private Instrument instrument;

  private void open(Quantity step) {
    instrument = new Instrument(BTC, new Price(1, 2), step, Money.of(5.0));
    ManualClock clock = new ManualClock(T0);
    PipelineStage stage =
        new PipelineStage(
            "execution", "orders", "Orders", new InMemoryPlatformState(), () -> T0, false);
    execution =
        new ExecutionService(
            venue,
            RiskEngine.unlimited(),
            new Account("fp", Money.of(1_000_000)),
            clock,
            () -> T0,
            new KernelListener() {},
            stage,
            id -> {},
            Map.of(BTC, 0));
  }

  private Order send(String quantity) {
    Quantity q = Quantity.parse(quantity, instrument.quantityScale());
    Order order =
        new Order(
            ClientOrderId.of("fp-1"),
            BTC,
            OrderSide.BUY,
            OrderType.MARKET,
            q,
            null,
            false,
            StrategyId.of("s"),
            RebalanceId.of("rb-1"),
            T0);
    execution.rebalance(
        StrategyId.of("s"),
        RebalanceId.of("rb-1"),
        "test",
        List.of(instrument),
        List.of(order),
        new Marks(new double[] {100}, new long[] {T0}),
        Money.of(1_000_000),
        false);
    assertThat(venue.submitted).containsExactly(order);
    return order;
  }

  private OrderRecord fill(Order order, String tradeId, String quantity, String price) {
    venue.listener.onFill(
        new Fill(
            TradeId.of(tradeId),
            order.clientOrderId(),
            BTC,
            OrderSide.BUY,
            Quantity.parse(quantity, instrument.quantityScale()),
            Price.parse(price, 2),
            Money.ZERO,
            Liquidity.TAKER,
            T0 + 1));
    List<OrderRecord> changed = execution.drain().orders();
    return changed.get(changed.size() - 1);
  }

  @Test
  void fill_oneUnitShortOfTheOrder_isPartial_notDone() {
    // 1e-12 short: the old 1e-12 tolerance in double called this order filled
    open(new Quantity(1, 12));
    Order order = send("1.000000000001");
    OrderRecord first = fill(order, "t1", "1", "100.10");
    assertThat(first.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(first.filledQuantity()).isEqualTo(Quantity.parse("1", 12));
    assertThat(execution.workingIds()).containsExactly(order.clientOrderId());
    OrderRecord last = fill(order, "t2", "0.000000000001", "100.10");
    assertThat(last.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(last.filledQuantity()).isEqualTo(order.quantity());
    assertThat(execution.workingIds()).isEmpty();
  }

  @Test
  void averageFillPrice_isExactToEightDecimals() {
    open(new Quantity(1, 3));
    Order order = send("3");
    assertThat(fill(order, "t1", "1", "100.10").averageFillPrice())
        .isEqualTo(Price.parse("100.10", OrderRecord.AVERAGE_PRICE_SCALE));
    OrderRecord done = fill(order, "t2", "2", "100.20");
    // (100.10 + 2 × 100.20) / 3 = 100.1666…, half-even at 8 decimals (double gave …66667 + noise)
    assertThat(done.averageFillPrice()).isEqualTo(new Price(10_016_666_667L, 8));
    assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void openOrderNotional_isExact_andReservesOnlyTheOpeningPart() {
    open(new Quantity(1, 3));
    Order order = send("0.3");
    // 0.3 at the mark 100 = 30 USDT, exactly
    assertThat(
            execution.openOrderNotional(
                List.of(instrument), new Marks(new double[] {100}, new long[] {T0})))
        .isEqualTo(Money.parse("30"));
    fill(order, "t1", "0.1", "100.00");
    assertThat(
            execution.openOrderNotional(
                List.of(instrument), new Marks(new double[] {100}, new long[] {T0})))
        .isEqualTo(Money.parse("20"));
    assertThat(
            io.perpetua.trading.account.CrossMargin.openingQuantity(
                Quantity.parse("2", 0), Quantity.parse("-5", 0)))
        .isEqualTo(Quantity.parse("3", 0));
    assertThat(
            io.perpetua.trading.account.CrossMargin.openingQuantity(
                Quantity.parse("2", 0), Quantity.parse("-1", 0)))
        .isEqualTo(Quantity.parse("0", 0));
  }
}
