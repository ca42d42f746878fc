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
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.ManualClock;
import io.perpetua.trading.port.VenueListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tick-driven matching of the simulated venue ({@link SimulatedVenue#onTrade}). */
class SimulatedVenueTickTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Instrument INST =
      new Instrument(BTC, new Price(1, 1), new Quantity(1, 3), Money.parse("5"));
  private final ManualClock clock = new ManualClock(0);
  private final List<Fill> fills = new ArrayList<>();
  private final List<String> rejects = new ArrayList<>();
  private final List<String> cancels = new ArrayList<>();
  private final SimulatedVenue venue =
      new SimulatedVenue(Map.of(BTC, INST), new SimulatedVenueConfig(5, 2, 0), clock);

  {
    venue.setListener(
        new VenueListener() {
          @Override
          public void onAccepted(Order order, long timeMs) {}

          @Override
          public void onFill(Fill fill) {
            fills.add(fill);
          }

          @Override
          public void onRejected(Order order, String reason, long timeMs) {
            rejects.add(reason);
          }

          @Override
          public void onCancelled(ClientOrderId id, long timeMs) {
            cancels.add(id.value());
          }
        });
  }

  private static Order order(
      String id, OrderSide side, OrderType type, String qty, String limit, boolean reduce) {
    return new Order(
        ClientOrderId.of(id),
        BTC,
        side,
        type,
        Quantity.parse(qty, 3),
        limit == null ? null : Price.parse(limit, 1),
        reduce,
        StrategyId.of("s"),
        null,
        0);
  }

  @Test
  void limit_fillsAsMakerByTheTradedQuantity_onlyWhenTradedThrough() {
    venue.onTrade(BTC, 100.0, 1.0, 0);
    venue.submit(order("b", OrderSide.BUY, OrderType.LIMIT, "1.000", "99.9", false));
    venue.onTrade(BTC, 99.9, 5.0, 1); // at the limit: not through
    venue.onTrade(BTC, 99.8, 0.4, 2);
    venue.onTrade(BTC, 99.7, 5.0, 3);
    assertThat(fills).extracting(f -> f.quantity().toString()).containsExactly("0.400", "0.600");
    assertThat(fills).allSatisfy(f -> assertThat(f.price()).isEqualTo(Price.parse("99.9", 1)));
    assertThat(fills).allSatisfy(f -> assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER));
    assertThat(fills.get(0).tradeId()).isNotEqualTo(fills.get(1).tradeId());
    venue.onTrade(BTC, 99.0, 5.0, 4);
    assertThat(fills).hasSize(2); // done
  }

  @Test
  void postOnlyLimitThroughTheLastTrade_isRejected() {
    venue.onTrade(BTC, 100.0, 1.0, 0);
    venue.submit(order("b", OrderSide.BUY, OrderType.LIMIT, "1.000", "100.1", false));
    venue.submit(order("s", OrderSide.SELL, OrderType.LIMIT, "1.000", "99.9", false));
    venue.onTrade(BTC, 100.0, 1.0, 1); // the refusals come after a round trip
    assertThat(rejects).hasSize(2).allSatisfy(r -> assertThat(r).contains("post-only"));
  }

  @Test
  void reduceOnly_isClippedToThePosition_andExpiresWhenFlat() {
    venue.onTrade(BTC, 100.0, 1.0, 0);
    venue.submit(order("open", OrderSide.BUY, OrderType.MARKET, "0.500", null, false));
    venue.onTrade(BTC, 100.0, 1.0, 1);
    venue.submit(order("close", OrderSide.SELL, OrderType.MARKET, "2.000", null, true));
    venue.onTrade(BTC, 101.0, 1.0, 2);
    assertThat(fills).extracting(f -> f.quantity().toString()).containsExactly("0.500", "0.500");
    assertThat(cancels).containsExactly("close"); // the clipped rest expires
    venue.submit(order("again", OrderSide.SELL, OrderType.LIMIT, "0.100", "101.5", true));
    venue.onTrade(BTC, 102.0, 1.0, 3);
    assertThat(fills).hasSize(2);
    assertThat(cancels).containsExactly("close", "again");
  }

  @Test
  void market_fillsInFullAtTheTradeWithTakerFee() {
    venue.submit(order("m", OrderSide.BUY, OrderType.MARKET, "2.000", null, false));
    venue.onTrade(BTC, 100.0, 0.001, 5);
    assertThat(fills)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.quantity()).isEqualTo(Quantity.parse("2.000", 3));
              assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
              assertThat(f.fee()).isEqualTo(Money.parse("0.1")); // 5 bps of 200
            });
  }
}
