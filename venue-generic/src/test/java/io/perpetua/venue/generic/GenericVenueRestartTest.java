package io.perpetua.venue.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.VenueListener;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restarted process opens a new session on the same exchange and sends the orders it had
 * journaled as intended again (issue 12): the ones the earlier session placed are adopted with
 * their fills and end, the rest are placed, and no client order id reaches the exchange twice.
 */
class GenericVenueRestartTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final StrategyId STRATEGY = StrategyId.of("restart-test");

  private static Order order(String leg, OrderType type, String limit) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, "rb-1", leg),
        BTC,
        OrderSide.BUY,
        type,
        Quantity.parse("0.100", 3),
        limit == null ? null : Price.parse(limit, 1),
        false,
        STRATEGY,
        null,
        1L);
  }

  /** Every callback, as one line each. */
  private static final class Lines implements VenueListener {
    final List<String> lines = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();

    @Override
    public synchronized void onAccepted(Order order, long timeMs) {
      lines.add("accepted " + order.clientOrderId().value());
    }

    @Override
    public synchronized void onFill(Fill fill) {
      fills.add(fill);
      lines.add("fill " + fill.clientOrderId().value() + " " + fill.quantity());
    }

    @Override
    public synchronized void onRejected(Order order, String reason, long timeMs) {
      lines.add("rejected " + order.clientOrderId().value() + " " + reason);
    }

    @Override
    public synchronized void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      lines.add("cancelled " + clientOrderId.value());
    }
  }

  @Test
  void newSession_adoptsTheEarlierSessionsOrders_placesOnlyTheRest() throws Exception {
    GenericExchange exchange =
        new GenericExchange(
            List.of(
                new GenericListing(
                    "BTC-PERP",
                    new BigDecimal("0.1"),
                    new BigDecimal("0.001"),
                    new BigDecimal("5"),
                    new BigDecimal("50000.0"))),
            new BigDecimal("100000"),
            GenericFees.DEFAULT,
            2,
            System::currentTimeMillis);
    Order filled = order("a", OrderType.MARKET, null);
    Order resting = order("b", OrderType.LIMIT, "49000.0");
    Order cancelled = order("c", OrderType.LIMIT, "48000.0");
    Order unsent = order("d", OrderType.MARKET, null);
    Lines first = new Lines();
    try (GenericVenue before = new GenericVenue(exchange, false, Clock.system())) {
      before.setListener(first);
      before.submit(filled);
      before.submit(resting);
      before.submit(cancelled);
      before.cancel(cancelled.clientOrderId());
      before.awaitIdle(5_000);
    } // the process dies before it sends the last order
    List<GenericEvent.Traded> trades = exchange.trades();
    assertThat(trades).hasSize(2); // two chunks of the market order

    Lines second = new Lines();
    try (GenericVenue after = new GenericVenue(exchange, false, Clock.system())) {
      after.setListener(second);
      for (Order o : List.of(filled, resting, cancelled, unsent)) {
        after.submit(o);
      }
      after.awaitIdle(5_000);
    }
    String a = filled.clientOrderId().value();
    String b = resting.clientOrderId().value();
    String c = cancelled.clientOrderId().value();
    String d = unsent.clientOrderId().value();
    assertThat(second.lines)
        .containsExactly(
            "accepted " + a,
            "fill " + a + " 0.050",
            "fill " + a + " 0.050",
            "accepted " + b,
            "accepted " + c,
            "cancelled " + c,
            "accepted " + d,
            "fill " + d + " 0.050",
            "fill " + d + " 0.050");
    assertThat(second.fills.subList(0, 2))
        .extracting(f -> f.tradeId().value())
        .containsExactly(trades.get(0).tradeId(), trades.get(1).tradeId());
    assertThat(exchange.orderCount()).as("each client order id placed once").isEqualTo(4);
    assertThat(exchange.openOrders()).containsExactly(b);
    assertThat(exchange.positions().get("BTC-PERP")).isEqualByComparingTo("0.200");
  }
}
