package io.perpetua.trading.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.port.VenueOpenOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A leg whose fill the venue never reports is taken from the venue's position, not re-hedged. */
class HedgeExecutorTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Instrument BTC_I =
      new Instrument(BTC, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(5));

  /** Fills every order at once but reports nothing (a lost acknowledgement and user stream). */
  private static final class Silent implements Venue, VenueAccount {
    BigDecimal position = BigDecimal.ZERO;
    final List<Order> orders = new ArrayList<>();

    @Override
    public void setListener(VenueListener listener) {}

    @Override
    public synchronized void submit(Order order) {
      orders.add(order);
      BigDecimal q = order.quantity().toBigDecimal();
      position = order.side() == OrderSide.BUY ? position.add(q) : position.subtract(q);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {}

    @Override
    public boolean isSimulated() {
      return false;
    }

    @Override
    public synchronized Map<InstrumentId, BigDecimal> positions() {
      return Map.of(BTC, position);
    }

    @Override
    public List<VenueOpenOrder> openOrders() {
      return List.of();
    }

    @Override
    public void cancelOrder(VenueOpenOrder order) {}

    @Override
    public Money balance() {
      return Money.of(100_000);
    }
  }

  @Test
  void unreportedFill_isReadFromTheVenue_andTheRemainderIsNotHedgedTwice() {
    AccountRegistry registry = new AccountRegistry(System::currentTimeMillis);
    Silent cheap = new Silent();
    Silent dear = new Silent();
    Book book =
        Book.top(
            new BigDecimal("49999.9"), BigDecimal.TEN, new BigDecimal("50000.1"), BigDecimal.TEN);
    int n = 0;
    for (Silent v : List.of(cheap, dear)) {
      registry.register(
          new ControlAccount(
              "a" + n,
              "v" + n,
              AccountKind.PERP,
              "none",
              5,
              MarginMode.CROSS,
              new BigDecimal(n == 0 ? "0.0001" : "0.0009"),
              Map.of()),
          new AccountPorts(v, v, i -> Optional.of(book), Map.of(BTC, BTC_I)),
          AccountKernels.unjournaled(System::currentTimeMillis));
      n++;
    }
    AlertBook alerts = new AlertBook(10, System::currentTimeMillis);
    HedgeOutcome out =
        new HedgeExecutor(alerts, System::currentTimeMillis)
            .execute(
                new HedgeExecutor.Request(
                    "op-1",
                    registry.entries(List.of("a0", "a1"), "accounts"),
                    "BTC-USD",
                    OrderSide.SELL,
                    new BigDecimal("0.2"),
                    new BigDecimal("0.005"),
                    500,
                    false));
    assertThat(cheap.position).isEqualByComparingTo("-0.2");
    assertThat(dear.orders).isEmpty(); // nothing re-routed: the venue shows the leg filled
    assertThat(out.netDeltaChange()).isEqualByComparingTo("-0.2");
    assertThat(out.success()).isTrue();
    assertThat(out.failed()).isEmpty();
    assertThat(out.executed())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.status()).isEqualTo(LegResult.Status.TIMED_OUT);
              assertThat(l.reason()).contains("venue position shows 0.200 filled");
            });
  }
}
