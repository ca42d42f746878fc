package io.perpetua.trading.kernel.algo;

import static io.perpetua.trading.kernel.algo.BracketExitRetryTest.BTC;
import static io.perpetua.trading.kernel.algo.BracketExitRetryTest.ID;
import static io.perpetua.trading.kernel.algo.BracketExitRetryTest.INST;
import static io.perpetua.trading.kernel.algo.BracketExitRetryTest.T0;
import static io.perpetua.trading.kernel.algo.BracketExitRetryTest.TIMING;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import org.junit.jupiter.api.Test;

/**
 * With a real venue the answers come later than the kernel's next step: a post-only entry can fill
 * after its timeout already asked for its cancel. The bracket must then arm once (one TP1, one TP2)
 * and never send a leg name twice: a second order under the same client order id is refused by the
 * venue as a duplicate, and that refusal was booked against the first order, ending it in the
 * kernel while it still filled at the venue (fills lost: 15 booked for 21 venue trades on the fake
 * Binance).
 */
class BracketLateEntryFillTest {
  private static BracketSpec spec() {
    return new BracketSpec(
        ID,
        "late",
        INST,
        OrderSide.BUY,
        Quantity.parse("1.000", 3),
        Price.parse("99.900", 3),
        100.0,
        1.0,
        1.0,
        2.0,
        TIMING,
        T0);
  }

  private static Fill fill(Order o, long t) {
    return new Fill(
        TradeId.of("t-" + o.clientOrderId().value()),
        o.clientOrderId(),
        BTC,
        o.side(),
        o.quantity(),
        o.limitPrice(),
        Money.parse("0.02"),
        Liquidity.MAKER,
        t);
  }

  @Test
  void entryFilledAfterItsTimeoutCancel_armsOnce_andSendsNoLegTwice() {
    BracketExitRetryTest.Gateway g = new BracketExitRetryTest.Gateway();
    BracketBook book = new BracketBook(g);
    book.open(spec());
    Order entry = g.sent.get(0);
    g.now = T0 + TIMING.entryTimeoutMs();
    book.onTrade(BTC, 100.0, g.now); // the timeout: cancel the entry, then decide the fallback
    assertThat(g.cancels).containsExactly(entry.clientOrderId());

    book.onFill(fill(entry, g.now)); // the venue filled it before the cancel reached it
    book.onTrade(BTC, 100.1, g.now + 100);

    assertThat(g.sent)
        .extracting(Order::clientOrderId)
        .containsExactly(
            entry.clientOrderId(),
            ClientOrderIds.derive(ID, "late", "tp1"),
            ClientOrderIds.derive(ID, "late", "tp2"));
    BracketOrder b = book.active().get(0);
    assertThat(b.open()).isEqualTo(Quantity.parse("1.000", 3));
    assertThat(b.takeProfit(1)).isNotNull();
  }

  @Test
  void aLegNameUsedTwice_isNotSentAgain() {
    BracketExitRetryTest.Gateway g = new BracketExitRetryTest.Gateway();
    BracketBook book = new BracketBook(g);
    book.open(spec());
    BracketOrder b = book.active().get(0);

    boolean sent =
        b.send(
            "entry",
            OrderSide.BUY,
            io.perpetua.core.order.OrderType.LIMIT,
            Quantity.parse("1.000", 3),
            Price.parse("99.900", 3),
            false);

    assertThat(sent).isFalse();
    assertThat(g.sent).extracting(Order::clientOrderId).doesNotHaveDuplicates().hasSize(1);
    ClientOrderId entry = ClientOrderIds.derive(ID, "late", "entry");
    assertThat(b.owns(entry)).isTrue();
  }
}
