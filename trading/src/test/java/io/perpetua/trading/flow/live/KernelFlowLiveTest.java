package io.perpetua.trading.flow.live;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.POSITION;
import static io.perpetua.trading.testing.FlowFixtures.STRATEGY;
import static io.perpetua.trading.testing.FlowFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.order.Position;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.port.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live view's positions are the flow kernel's fixed-point account, not a re-derivation from
 * fills: an entry filled in three parts, a partial take-profit and a partial exit with fees (the
 * position, its average entry and realised PnL equal the account's exactly), and a fill window that
 * no longer holds the entry fills (the journal reads the latest fills only) still shows the
 * account's position.
 */
class KernelFlowLiveTest {
  private final FlowLegIndex legs = new FlowLegIndex();
  private final List<OrderRecord> records = new ArrayList<>(); // newest first
  private final List<Fill> fills = new ArrayList<>(); // oldest first
  private final Account account = new Account("flow", Money.parse("1000000"));

  KernelFlowLiveTest() {
    legs.add(STRATEGY, POSITION);
    Order entry = order("entry", OrderSide.BUY, "1.500", "9700.3", T0);
    Order tp1 = order("tp1", OrderSide.SELL, "0.750", "9713.4", T0 + 30_000);
    Order exit = order("exit", OrderSide.SELL, "0.250", null, T0 + 60_000);
    fill(entry, "0.500", "9700.1", "0.97001", true, T0 + 1);
    fill(entry, "0.500", "9700.3", "0.97003", true, T0 + 2);
    fill(entry, "0.500", "9699.9", "0.96999", true, T0 + 3);
    fill(tp1, "0.750", "9713.4", "1.457010", true, T0 + 30_000);
    fill(exit, "0.250", "9688.2", "1.211025", false, T0 + 60_000);
    records.add(record(exit, "0.250", "9688.2", "1.211025"));
    records.add(record(tp1, "0.750", "9713.4", "1.457010"));
    records.add(record(entry, "1.500", "9700.1", "2.91003"));
  }

  private static Order order(String leg, OrderSide side, String qty, String limit, long timeMs) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, POSITION, leg),
        BTC,
        side,
        limit == null ? OrderType.MARKET : OrderType.LIMIT,
        Quantity.parse(qty, 3),
        limit == null ? null : Price.parse(limit, 1),
        !leg.equals("entry"),
        STRATEGY,
        null,
        timeMs);
  }

  private void fill(Order o, String qty, String price, String fee, boolean maker, long timeMs) {
    Fill f =
        new Fill(
            TradeId.of("BTCUSDT-" + fills.size()),
            o.clientOrderId(),
            BTC,
            o.side(),
            Quantity.parse(qty, 3),
            Price.parse(price, 1),
            Money.parse(fee),
            maker ? Liquidity.MAKER : Liquidity.TAKER,
            timeMs);
    fills.add(f);
    account.apply(f); // what the kernel's account does with each fill
  }

  private static OrderRecord record(Order o, String qty, String avg, String fee) {
    return new OrderRecord(
        o,
        OrderStatus.FILLED,
        Quantity.parse(qty, 3),
        Price.parse(avg, OrderRecord.AVERAGE_PRICE_SCALE),
        Money.parse(fee),
        null,
        false,
        o.createdAtMs());
  }

  private KernelFlowLive view(List<Fill> window) {
    return new KernelFlowLive(
        () -> records,
        () -> window,
        legs,
        id -> 9_690.0,
        () -> account.snapshot(T0 + 60_000),
        10_000,
        () -> true);
  }

  @Test
  void partialFillsAndPartialCloses_positionAndRealisedPnlAreTheAccounts() {
    Position want = account.position(BTC);
    assertThat(want.quantity()).isEqualTo(Quantity.parse("0.500", 3));

    FlowLivePosition p = view(fills.reversed()).positions().get(0);
    assertThat(p.strategies()).containsExactly(STRATEGY);
    assertThat(p.quantity()).isEqualTo(want.quantity().toDouble());
    assertThat(p.averageEntry()).isEqualTo(want.averageEntryPrice());
    assertThat(p.realizedPnl()).isEqualTo(want.realizedPnl().toDouble()).isEqualTo(7.0);
    assertThat(p.unrealizedPnl()).isEqualTo(want.unrealizedPnl(9_690.0));
    assertThat(p.fees()).isEqualTo(account.totalFees().toDouble());
    assertThat(p.fills()).isEqualTo(5);
    assertThat(p.orders()).isEqualTo(3);

    FlowLiveKpis k = view(fills.reversed()).kpis();
    assertThat(k.realizedPnl()).isEqualTo(7.0);
    assertThat(k.fees()).isEqualTo(account.totalFees().toDouble());
  }

  @Test
  void aFillWindowWithoutTheEntry_stillShowsTheAccountsPosition() {
    List<Fill> window = List.of(fills.get(4), fills.get(3)); // the latest two fills, newest first
    FlowLivePosition p = view(window).positions().get(0);
    assertThat(p.quantity()).isEqualTo(0.5); // Σ of the window's fills would say −1.0
    assertThat(p.averageEntry()).isEqualTo(account.position(BTC).averageEntryPrice());
    assertThat(p.realizedPnl()).isEqualTo(7.0);
  }
}
