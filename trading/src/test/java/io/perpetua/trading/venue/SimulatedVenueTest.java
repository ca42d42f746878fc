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

class SimulatedVenueTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Instrument INST =
      new Instrument(BTC, new Price(1, 1), new Quantity(1, 3), Money.parse("5"));
  private final ManualClock clock = new ManualClock(0);
  private final List<Fill> fills = new ArrayList<>();
  private final List<String> rejects = new ArrayList<>();

  private SimulatedVenue venue(SimulatedVenueConfig config) {
    SimulatedVenue v = new SimulatedVenue(Map.of(BTC, INST), config, clock);
    v.setListener(
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
          public void onCancelled(ClientOrderId id, long timeMs) {}
        });
    return v;
  }

  private static Order market(String id, OrderSide side, String qty) {
    return new Order(
        ClientOrderId.of(id),
        BTC,
        side,
        OrderType.MARKET,
        Quantity.parse(qty, 3),
        null,
        false,
        StrategyId.of("s"),
        null,
        0);
  }

  @Test
  void marketOrder_fillsAtNextPrice_withFixedSlippageAndTakerFee() {
    SimulatedVenue v = venue(new SimulatedVenueConfig(5, 2, 10));
    v.submit(market("a", OrderSide.BUY, "1.000"));
    assertThat(fills).isEmpty();
    v.onPrice(BTC, 50_000.0, 1);
    Fill f = fills.get(0);
    assertThat(f.price()).isEqualTo(Price.parse("50050.0", 1)); // +10 bps
    assertThat(f.fee()).isEqualTo(Money.parse("25.025")); // 5 bps of 50,050
    assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
  }

  @Test
  void squareRootImpact_growsWithNotional() {
    SimulatedVenue v = venue(new SimulatedVenueConfig(0, 0, 0, 0.1, 0));
    v.submit(market("small", OrderSide.SELL, "0.010")); // notional 1,000 -> 0.1*sqrt(1000)=3.16 bps
    v.submit(market("big", OrderSide.SELL, "10.000")); // notional 1,000,000 -> 100 bps
    v.onPrice(BTC, 100_000.0, 1);
    assertThat(fills.get(0).price().toDouble()).isEqualTo(99_968.4);
    assertThat(fills.get(1).price().toDouble()).isEqualTo(99_000.0);
  }

  @Test
  void latency_delaysFillToTheFirstPriceAfterIt() {
    SimulatedVenue v = venue(new SimulatedVenueConfig(0, 0, 0, 0, 500));
    clock.set(1_000);
    v.submit(market("a", OrderSide.BUY, "1.000"));
    v.onPrice(BTC, 100.0, 1_200);
    assertThat(fills).isEmpty();
    v.onPrice(BTC, 101.0, 1_500);
    assertThat(fills).singleElement().extracting(Fill::price).isEqualTo(Price.parse("101.0", 1));
  }

  @Test
  void duplicateClientOrderId_isRejected_neverDoubled() {
    SimulatedVenue v = venue(SimulatedVenueConfig.defaults());
    v.submit(market("a", OrderSide.BUY, "1.000"));
    v.submit(market("a", OrderSide.BUY, "1.000"));
    v.onPrice(BTC, 100.0, 1);
    assertThat(fills).hasSize(1);
    assertThat(rejects).singleElement().asString().contains("duplicate");
  }
}
