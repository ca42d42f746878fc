package io.perpetua.trading.kernel.algo;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rejected market exit leg of a bracket is retried (bounded, under its own deterministic client
 * order id, carried across a restart) instead of leaving the position without an exit.
 */
class BracketExitRetryTest {
  static final long T0 = 1_700_000_000_000L;
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  static final Instrument INST = Instrument.derivedFrom(BTC, 100.0);
  static final StrategyId ID = StrategyId.of("retry_test");
  static final BracketSpec.Timing TIMING =
      new BracketSpec.Timing(4_000, 5, 2_000, 3_600_000, 2_000, 0.0005);

  /** Records orders; rejects the next {@code rejectExits} reduce-only market orders. */
  static final class Gateway implements OrderGateway {
    final List<Order> sent = new ArrayList<>();
    final List<ClientOrderId> rejected = new ArrayList<>();
    final List<ClientOrderId> cancels = new ArrayList<>();
    int rejectExits;
    long now = T0;

    @Override
    public boolean submit(Order order) {
      sent.add(order);
      if (order.reduceOnly() && order.type() == OrderType.MARKET && rejectExits > 0) {
        rejectExits--;
        rejected.add(order.clientOrderId());
        return false;
      }
      return true;
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      cancels.add(clientOrderId);
    }

    @Override
    public long nowMillis() {
      return now;
    }
  }

  private static BracketSpec spec() {
    return new BracketSpec(
        ID,
        "d1",
        INST,
        OrderSide.BUY,
        Quantity.parse("1.000", 3),
        null,
        100.0,
        1.0,
        1.0,
        2.0,
        TIMING,
        T0);
  }

  private static Fill fill(Order o, double price, long t) {
    return new Fill(
        TradeId.of("t" + o.clientOrderId().value()),
        o.clientOrderId(),
        BTC,
        o.side(),
        o.quantity(),
        INST.price(price),
        Money.parse("0.05"),
        Liquidity.TAKER,
        t);
  }

  /** Opens, fills the market entry at 100, and lets the price fall through the stop (99). */
  private static BracketBook stoppedOut(Gateway g, BracketBook book) {
    book.open(spec());
    book.onFill(fill(g.sent.get(0), 100.0, T0));
    g.now = T0 + 1_000;
    book.onTrade(BTC, 98.9, g.now);
    for (ClientOrderId c : List.copyOf(g.cancels)) {
      book.onCancelled(c);
    }
    drainRejections(g, book);
    return book;
  }

  private static void drainRejections(Gateway g, BracketBook book) {
    List<ClientOrderId> r = List.copyOf(g.rejected);
    g.rejected.clear();
    r.forEach(book::onRejected);
  }

  private static List<Order> exits(Gateway g) {
    return g.sent.stream().filter(o -> o.type() == OrderType.MARKET && o.reduceOnly()).toList();
  }

  @Test
  void rejectedStop_isRetriedAtTheNextTrade_underANewLegId_andTheBracketCloses() {
    Gateway g = new Gateway();
    g.rejectExits = 1;
    BracketBook book = stoppedOut(g, new BracketBook(g));
    List<BracketResult> closed = new ArrayList<>();
    book.addListener((b, r) -> closed.add(r));
    assertThat(exits(g)).hasSize(1);

    g.now += 500;
    book.onTrade(BTC, 98.8, g.now);

    List<Order> exits = exits(g);
    assertThat(exits).hasSize(2);
    Order retry = exits.get(1);
    assertThat(retry.clientOrderId()).isEqualTo(ClientOrderIds.derive(ID, "d1", "sl.2"));
    assertThat(retry.clientOrderId()).isNotEqualTo(exits.get(0).clientOrderId());
    assertThat(retry.side()).isEqualTo(OrderSide.SELL);
    assertThat(retry.quantity()).isEqualTo(Quantity.parse("1.000", 3));
    book.onFill(fill(retry, 98.8, g.now));
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).exit()).isEqualTo(BracketOrder.Exit.SL);
    assertThat(book.isEmpty()).isTrue();
  }

  @Test
  void aLegRejectedEveryTime_isGivenUpAfterThreeOrders_andTheBracketStaysOpen() {
    Gateway g = new Gateway();
    g.rejectExits = 100;
    BracketBook book = stoppedOut(g, new BracketBook(g));
    for (int k = 0; k < 6; k++) {
      g.now += 500;
      book.onTrade(BTC, 98.8, g.now);
      drainRejections(g, book);
    }
    assertThat(exits(g))
        .extracting(Order::clientOrderId)
        .containsExactly(
            ClientOrderIds.derive(ID, "d1", "sl"),
            ClientOrderIds.derive(ID, "d1", "sl.2"),
            ClientOrderIds.derive(ID, "d1", "sl.3"));
    assertThat(book.active()).hasSize(1);
    assertThat(book.active().get(0).open()).isEqualTo(Quantity.parse("1.000", 3));
  }

  @Test
  void aPendingRetry_survivesARestart_andGoesOutOnceUnderTheSameId() {
    Gateway g = new Gateway();
    g.rejectExits = 1;
    BracketBook book = stoppedOut(g, new BracketBook(g));
    Map<String, String> cursor = book.exportState();

    Gateway g2 = new Gateway();
    g2.now = g.now;
    BracketBook restored = new BracketBook(g2);
    restored.restoreState(cursor, id -> INST);
    g2.now += 500;
    restored.onTrade(BTC, 98.8, g2.now);
    restored.onTrade(BTC, 98.7, g2.now + 1);

    assertThat(g2.sent)
        .extracting(Order::clientOrderId)
        .containsExactly(ClientOrderIds.derive(ID, "d1", "sl.2"));
    assertThat(g2.sent.get(0).quantity()).isEqualTo(Quantity.parse("1.000", 3));
  }
}
