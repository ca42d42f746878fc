package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketResult;
import io.perpetua.trading.kernel.algo.BracketSpec;
import io.perpetua.trading.port.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One netted account, several brackets on one symbol (one-way mode): a bracket's reduce-only exit
 * goes without the flag when the net position cannot take it as reduce-only (Binance refuses it
 * with -2022; the simulated venue clipped it to nothing), and keeps the flag when it can.
 */
class NetReduceOnlyTest {
  static final InstrumentId BTC = BracketKernelTest.BTC;

  private static Order order(String id, OrderSide side, String qty, boolean reduceOnly) {
    return new Order(
        ClientOrderId.of(id),
        BTC,
        side,
        OrderType.MARKET,
        Quantity.parse(qty, 3),
        null,
        reduceOnly,
        StrategyId.of("s"),
        null,
        0L);
  }

  private static OrderRecord working(Order o) {
    return OrderRecord.unfilled(o, OrderStatus.OPEN, null, true, 0L);
  }

  @Test
  void rule_keepsTheFlagOnlyWhenTheNetPositionCoversTheOrderAfterWorkingReduceOnlyOrders() {
    Quantity long1 = Quantity.parse("1.000", 3);
    Order sell = order("a", OrderSide.SELL, "1.000", true);
    assertThat(NetReduceOnly.apply(sell, long1, List.of()).reduceOnly()).isTrue();
    // another reduce-only sell already claims half of the long
    List<OrderRecord> half = List.of(working(order("b", OrderSide.SELL, "0.500", true)));
    Order dropped = NetReduceOnly.apply(sell, long1, half);
    assertThat(dropped.reduceOnly()).isFalse();
    assertThat(dropped.clientOrderId()).isEqualTo(sell.clientOrderId());
    assertThat(dropped.quantity()).isEqualTo(sell.quantity());
    // another bracket's sell entry takes from the long first too; a working buy claims nothing
    List<OrderRecord> entry = List.of(working(order("c", OrderSide.SELL, "0.500", false)));
    assertThat(NetReduceOnly.apply(sell, long1, entry).reduceOnly()).isFalse();
    List<OrderRecord> buying = List.of(working(order("f", OrderSide.BUY, "0.500", false)));
    assertThat(NetReduceOnly.apply(sell, long1, buying).reduceOnly()).isTrue();
    Order buy = order("d", OrderSide.BUY, "1.000", true);
    assertThat(NetReduceOnly.apply(buy, long1, List.of()).reduceOnly()).isFalse();
    assertThat(NetReduceOnly.apply(buy, long1.negate(), List.of()).reduceOnly()).isTrue();
    assertThat(NetReduceOnly.apply(sell, Quantity.zero(3), List.of()).reduceOnly()).isFalse();
    Order notReduce = order("e", OrderSide.SELL, "1.000", false);
    assertThat(NetReduceOnly.apply(notReduce, long1, List.of())).isSameAs(notReduce);
  }

  /** Opens a long and a short bracket of 1.0 on the first tick (market entries): net flat. */
  static final class LongAndShort implements TickStrategy {
    final List<BracketResult> closed = new ArrayList<>();
    boolean opened;

    @Override
    public void warmUp(FlowTick tick) {
      opened = true;
    }

    @Override
    public void onTick(FlowTick tick, TickContext context) {
      if (opened) {
        return;
      }
      opened = true;
      for (OrderSide side : OrderSide.values()) {
        context
            .brackets()
            .open(
                new BracketSpec(
                    StrategyId.of("net_" + side.name().toLowerCase(java.util.Locale.ROOT)),
                    "d-" + side.code(),
                    context.instrument(BTC),
                    side,
                    Quantity.parse("1.000", 3),
                    null,
                    100.0,
                    5.0,
                    1.0,
                    2.0,
                    BracketKernelTest.TIMING,
                    context.nowMillis()));
      }
    }

    @Override
    public void onBracketClosed(BracketOrder bracket, BracketResult result) {
      closed.add(result);
    }
  }

  @Test
  void oppositeBracketsOnOneSymbol_exitThroughTheirTakeProfits_onTheNettedAccount() {
    HistoryJournal journal = new HistoryJournal();
    LongAndShort s = new LongAndShort();
    TradingKernel k = BracketKernelTest.kernel(s, journal);
    // entries near 100 (slipped): long TPs ~101.5/102.5 (sell), short ~99.5/98.5 (buy), stops 5
    // away
    double[] prices = {100.0, 100.5, 101.2, 102.3, 102.8, 100.0, 98.8, 97.7, 97.6};
    for (int i = 0; i < prices.length; i++) {
      k.onTick(BracketKernelTest.trade(i * 100L, prices[i]));
    }

    List<OrderRecord> records = List.copyOf(journal.orders().values());
    List<OrderRecord> tps =
        records.stream().filter(r -> r.order().type() == OrderType.LIMIT).toList();
    assertThat(tps)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(OrderStatus.FILLED))
        .allSatisfy(r -> assertThat(r.order().reduceOnly()).isFalse());
    assertThat(s.closed)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.exit()).isEqualTo(BracketOrder.Exit.TP));
    assertThat(k.account().openPositions()).isEmpty();
  }
}
