package io.perpetua.trading.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.ManualClock;
import io.perpetua.trading.port.VenueListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated venue answers as a real venue does in tick-driven matching: a market order meets
 * the book at submission and its fill, like a cancel's confirmation, is reported with the next
 * trade of any instrument; with {@link SimulatedVenueConfig.LimitMatching#TOUCH} limits match as
 * the fake Binance's book does.
 */
class SimulatedVenueRoundTripTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final Map<InstrumentId, Instrument> LISTED =
      Map.of(
          BTC, new Instrument(BTC, new Price(1, 1), new Quantity(1, 3), Money.parse("5")),
          ETH, new Instrument(ETH, new Price(1, 2), new Quantity(1, 3), Money.parse("5")));
  private final ManualClock clock = new ManualClock(0);
  private final List<String> events = new ArrayList<>();

  private SimulatedVenue venue(SimulatedVenueConfig config) {
    SimulatedVenue v = new SimulatedVenue(LISTED, config, clock);
    v.setListener(
        new VenueListener() {
          @Override
          public void onAccepted(Order order, long timeMs) {}

          @Override
          public void onFill(Fill f) {
            events.add(
                "fill "
                    + f.clientOrderId().value()
                    + " "
                    + f.quantity()
                    + "@"
                    + f.price()
                    + " t"
                    + f.timeMs());
          }

          @Override
          public void onRejected(Order order, String reason, long timeMs) {
            events.add("rejected " + order.clientOrderId().value());
          }

          @Override
          public void onCancelled(ClientOrderId id, long timeMs) {
            events.add("cancelled " + id.value() + " t" + timeMs);
          }
        });
    return v;
  }

  private static Order order(String id, OrderSide side, OrderType type, String qty, String limit) {
    return new Order(
        ClientOrderId.of(id),
        BTC,
        side,
        type,
        Quantity.parse(qty, 3),
        limit == null ? null : Price.parse(limit, 1),
        false,
        StrategyId.of("s"),
        null,
        0);
  }

  @Test
  void market_meetsTheBookAtSubmission_reportedWithTheNextTradeOfAnyInstrument() {
    SimulatedVenue v = venue(SimulatedVenueConfig.venueLike(5, 2, 0.05));
    v.onTrade(BTC, 100.0, 1.0, 0);
    v.submit(order("m", OrderSide.BUY, OrderType.MARKET, "1.000", null));
    assertThat(events).isEmpty(); // no answer before a round trip
    v.onTrade(ETH, 3000.0, 1.0, 5);
    v.onTrade(BTC, 104.0, 1.0, 6);
    assertThat(events).containsExactly("fill m 1.000@100.0 t5");
  }

  @Test
  void cancel_takesTheOrderOffAtOnce_confirmedWithTheNextTrade() {
    SimulatedVenue v = venue(SimulatedVenueConfig.defaults());
    v.onTrade(BTC, 100.0, 1.0, 0);
    v.submit(order("b", OrderSide.BUY, OrderType.LIMIT, "1.000", "99.0"));
    v.cancel(ClientOrderId.of("b"));
    assertThat(events).isEmpty();
    v.onTrade(BTC, 98.0, 5.0, 7); // through the limit: the order is already off the book
    assertThat(events).containsExactly("cancelled b t7");
  }

  @Test
  void touch_restingLimitFillsInFullAtItsPrice_andLimitsAtTheLastPriceOrBeyondTheBandAreRefused() {
    SimulatedVenue v = venue(SimulatedVenueConfig.venueLike(5, 2, 0.05));
    v.onTrade(BTC, 100.0, 1.0, 0);
    v.submit(order("at", OrderSide.BUY, OrderType.LIMIT, "1.000", "100.0"));
    v.submit(order("b", OrderSide.BUY, OrderType.LIMIT, "2.000", "99.9"));
    v.submit(order("far", OrderSide.BUY, OrderType.LIMIT, "2.000", "94.9")); // beyond the 5 % band
    assertThat(events).isEmpty(); // the refusal comes after a round trip
    v.onTrade(BTC, 99.9, 0.1, 1); // reaches the limit: fills in full, whatever was printed
    assertThat(events).containsExactly("rejected at", "rejected far", "fill b 2.000@99.9 t1");
  }
}
