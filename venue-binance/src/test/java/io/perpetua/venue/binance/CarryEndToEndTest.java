package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.carry.CarryAlert;
import io.perpetua.trading.carry.CarryDryRun;
import io.perpetua.trading.carry.CarryLedger;
import io.perpetua.trading.carry.CarryLimits;
import io.perpetua.trading.carry.CarryMachine;
import io.perpetua.trading.carry.CarryState;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A carry on BTC end to end on the local fake: spot long through {@link BinanceSpotVenue} (the
 * fake's {@code /api/v3}), perp short through {@link BinanceVenue} ({@code /fapi}), start → confirm
 * → HOLDING → a funding settlement → close → confirm → IDLE, and a rejected spot leg compensated.
 */
class CarryEndToEndTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  /** Test glue: a venue as a leg's order path, its events back to the machine. */
  private record Leg(Venue venue) implements OrderGateway {
    @Override
    public boolean submit(Order order) {
      venue.submit(order);
      return true;
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      venue.cancel(clientOrderId);
    }

    @Override
    public long nowMillis() {
      return System.currentTimeMillis();
    }
  }

  private static VenueListener to(CarryMachine[] m) {
    return new VenueListener() {
      @Override
      public void onAccepted(Order order, long timeMs) {}

      @Override
      public void onFill(Fill fill) {
        synchronized (m) {
          m[0].onFill(fill);
        }
      }

      @Override
      public void onRejected(Order order, String reason, long timeMs) {
        synchronized (m) {
          m[0].onRejected(order.clientOrderId(), reason, timeMs);
        }
      }

      @Override
      public void onCancelled(ClientOrderId id, long timeMs) {
        synchronized (m) {
          m[0].onCancelled(id, timeMs);
        }
      }
    };
  }

  private static CarryState state(CarryMachine[] m) {
    synchronized (m) {
      return m[0].state();
    }
  }

  @Test
  void carry_opensHoldsCollectsFundingAndCloses_onTheFakes() throws Exception {
    try (FakeBinanceServer server = FakeVenueSupport.start();
        BinanceVenue perp =
            BinanceVenue.connect(FakeVenueSupport.client(server), false, Clock.system())) {
      BinanceSpotVenue spot =
          new BinanceSpotVenue(
              server.restBaseUrl(),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              System::currentTimeMillis);
      assertThat(await(() -> server.userConnections() == 1, 5_000)).isTrue();
      List<CarryAlert> alerts = new CopyOnWriteArrayList<>();
      Instrument btc = perp.instruments().get(BTC);
      CarryMachine[] m = {
        new CarryMachine(
            "e2e",
            CarryLimits.spec(Money.of(10_000)),
            btc,
            new Leg(spot),
            btc,
            new Leg(perp),
            alerts::add)
      };
      spot.setListener(to(m));
      perp.setListener(to(m));
      var book = server.exchange().bookTicker("BTCUSDT");
      Price bid = Price.parse(book.get("bidPrice").asText(), btc.priceScale());
      Price ask = Price.parse(book.get("askPrice").asText(), btc.priceScale());
      synchronized (m) {
        m[0].onQuotes(bid, ask, bid, ask);
        m[0].onFundingRate(0.0001);
        m[0].start(new Quantity(100, btc.quantityScale()), System.currentTimeMillis()); // 0.100 BTC
        m[0].confirm(System.currentTimeMillis());
      }
      assertThat(await(() -> state(m) == CarryState.HOLDING, 10_000))
          .as(alerts.toString())
          .isTrue();
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0.100");
      assertThat(perpPosition(server)).isEqualByComparingTo("-0.100");
      assertThat(m[0].hedgeDeviation()).isZero();
      server.exchange().settleFunding(new BigDecimal("0.0001"));
      synchronized (m) {
        m[0].onFundingSettled(0.0001, ask, System.currentTimeMillis());
        assertThat(m[0].fundingIncome().get(0).amount().signum()).isPositive();
        m[0].close(System.currentTimeMillis());
        m[0].confirm(System.currentTimeMillis());
      }
      assertThat(await(() -> state(m) == CarryState.IDLE, 10_000)).as(alerts.toString()).isTrue();
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0");
      assertThat(perpPosition(server)).isEqualByComparingTo("0");
      // the same run in dry-run mode: the same ledger, prices aside
      CarryMachine dry = dryRun(server, btc, bid, ask);
      synchronized (m) {
        assertThat(ledger(dry)).isEqualTo(ledger(m[0])).hasSize(5);
      }
      assertThat(dry.state()).isEqualTo(CarryState.IDLE);
    }
  }

  private static CarryMachine dryRun(
      FakeBinanceServer server, Instrument btc, Price bid, Price ask) {
    java.util.function.Function<OrderSide, Price> quote = side -> side == OrderSide.BUY ? ask : bid;
    CarryDryRun spotLeg = new CarryDryRun("spot", quote, 0.001, System::currentTimeMillis);
    CarryDryRun perpLeg = new CarryDryRun("perp", quote, 0.0005, System::currentTimeMillis);
    CarryMachine dry =
        new CarryMachine(
            "e2e", CarryLimits.spec(Money.of(10_000)), btc, spotLeg, btc, perpLeg, a -> {});
    spotLeg.attach(dry);
    perpLeg.attach(dry);
    dry.onQuotes(bid, ask, bid, ask);
    dry.onFundingRate(0.0001);
    dry.start(new Quantity(100, btc.quantityScale()), 1);
    dry.confirm(2);
    dry.onFundingSettled(0.0001, ask, 3);
    dry.close(4);
    dry.confirm(5);
    assertThat(server.spotBalance("BTC")).as("dry-run sends nothing").isEqualByComparingTo("0");
    return dry;
  }

  private static List<String> ledger(CarryMachine m) {
    return m.ledger().stream().map(CarryLedger::withoutPrices).sorted().toList();
  }

  @RepeatedTest(3)
  void rejectedSpotLeg_isCompensatedOnThePerp_neverANakedLeg() throws Exception {
    try (FakeBinanceServer server = FakeVenueSupport.start();
        BinanceVenue perp =
            BinanceVenue.connect(FakeVenueSupport.client(server), false, Clock.system())) {
      BinanceSpotVenue spot =
          new BinanceSpotVenue(
              server.restBaseUrl(),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              System::currentTimeMillis);
      assertThat(await(() -> server.userConnections() == 1, 5_000)).isTrue();
      List<CarryAlert> alerts = new CopyOnWriteArrayList<>();
      Instrument btc = perp.instruments().get(BTC);
      CarryMachine[] m = {
        new CarryMachine(
            "e2f",
            CarryLimits.spec(Money.of(100_000)),
            btc,
            new Leg(spot),
            btc,
            new Leg(perp),
            alerts::add)
      };
      spot.setListener(to(m));
      perp.setListener(to(m));
      var book = server.exchange().bookTicker("BTCUSDT");
      Price bid = Price.parse(book.get("bidPrice").asText(), btc.priceScale());
      Price ask = Price.parse(book.get("askPrice").asText(), btc.priceScale());
      synchronized (m) {
        m[0].onQuotes(bid, ask, bid, ask);
        m[0].onFundingRate(0.0001);
        // 0.250 BTC (12,500 USDT): the perp margin holds, the spot wallet (10,000) does not: -2010
        m[0].start(new Quantity(250, btc.quantityScale()), System.currentTimeMillis());
        m[0].confirm(System.currentTimeMillis());
      }
      assertThat(
              await(
                  () ->
                      state(m) == CarryState.IDLE
                          && server.requestCount("POST /fapi/v1/order") == 2 // open + unwind
                          && perpPosition(server).signum() == 0,
                  10_000))
          .as(alerts.toString())
          .isTrue();
      assertThat(alerts).extracting(CarryAlert::kind).contains("leg_failed");
      assertThat(server.spotBalance("BTC")).isEqualByComparingTo("0");
      assertThat(perpPosition(server)).as("the perp short was unwound").isEqualByComparingTo("0");
    }
  }

  private static BigDecimal perpPosition(FakeBinanceServer server) {
    for (var p : server.exchange().positionRisk()) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        return new BigDecimal(p.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }
}
