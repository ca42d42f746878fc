package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.testing.OrderEndRecorder;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Maker-first execution ({@link MakerFirstVenue}) on {@link BinanceVenue} with post-only ({@code
 * GTX}) limits, against the fake Binance over loopback.
 */
class MakerFirstOnBinanceTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final StrategyId STRATEGY = StrategyId.of("maker-first-test");
  private FakeBinanceServer server;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private MakerFirstVenue session(long timeoutMs, OrderEndRecorder recorder)
      throws InterruptedException {
    int streams = server.userConnectionsOpened();
    BinanceVenue venue =
        BinanceVenue.connect(FakeVenueSupport.client(server), true, Clock.system());
    open.add(venue);
    assertThat(await(() -> server.userConnectionsOpened() > streams, 5_000)).isTrue();
    venue.onMarkPrice("BTCUSDT", new BigDecimal("50000.0"));
    MakerFirstVenue mf =
        new MakerFirstVenue(
            venue,
            venue.instruments(),
            id -> server.exchange().lastPrice(id.venueSymbol()).doubleValue(),
            new MakerFirstSettings(true, 1, timeoutMs, 10));
    open.add(mf);
    mf.setListener(recorder);
    return mf;
  }

  private static Order buy(String decision) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, decision, "BTCUSDT"),
        BTC,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse("0.020", 3),
        null,
        false,
        STRATEGY,
        null,
        1L);
  }

  private void print(String price) {
    server.exchange().trade("BTCUSDT", new BigDecimal(price), BigDecimal.ONE, true);
  }

  @Test
  void gtxLimitFilled_isAllMaker() throws Exception {
    OrderEndRecorder r = new OrderEndRecorder(0.020);
    MakerFirstVenue mf = session(5_000, r);
    Order o = buy("b1");
    mf.submit(o);
    assertThat(r.awaitAccepted()).isTrue();
    assertThat(r.accepted).containsExactly(o);
    print("49999.9");
    assertThat(r.awaitEnd()).isTrue();
    assertThat(r.fills).isNotEmpty().allMatch(f -> f.liquidity() == Liquidity.MAKER);
    assertThat(r.fills).allMatch(f -> f.clientOrderId().equals(o.clientOrderId()));
    assertThat(server.exchange().orderCount()).isEqualTo(1);
    assertThat(mf.kpis().makerOnly()).isEqualTo(1);
    assertThat(mf.kpis().makerRatio()).isEqualTo(1.0);
  }

  @Test
  void timeout_fallsBackToMarket_forTheRemainder() throws Exception {
    OrderEndRecorder r = new OrderEndRecorder(0.020);
    MakerFirstVenue mf = session(150, r);
    Order o = buy("b2");
    server.faults().partialFillNext(1);
    mf.submit(o);
    assertThat(r.awaitAccepted()).isTrue();
    print("49999.9"); // half the limit fills as maker
    assertThat(r.awaitEnd()).isTrue();
    assertThat(r.filled()).isEqualTo(0.020);
    assertThat(r.fills)
        .extracting(Fill::liquidity)
        .containsExactly(Liquidity.MAKER, Liquidity.TAKER);
    assertThat(r.fills.get(1).quantity()).isEqualTo(Quantity.parse("0.010", 3));
    assertThat(r.fills).allMatch(f -> f.clientOrderId().equals(o.clientOrderId()));
    assertThat(server.exchange().orderCount()).isEqualTo(2);
    var k = mf.kpis();
    assertThat(k.timeouts()).isEqualTo(1);
    assertThat(k.fallbacks()).isEqualTo(1);
    assertThat(k.makerRatio()).isBetween(0.45, 0.55);
  }

  @Test
  void priceRanAway_keepsThePartialFill() throws Exception {
    OrderEndRecorder r = new OrderEndRecorder(0.020);
    MakerFirstVenue mf = session(300, r);
    Order o = buy("b3");
    server.faults().partialFillNext(1);
    mf.submit(o);
    assertThat(r.awaitAccepted()).isTrue();
    print("49999.9");
    print("50100.0"); // +20 bps against the buy: beyond the 10 bps fallback limit
    assertThat(r.awaitEnd()).isTrue();
    assertThat(r.cancelled).containsExactly(o.clientOrderId());
    assertThat(r.filled()).isEqualTo(0.010);
    assertThat(server.exchange().orderCount()).as("no market order").isEqualTo(1);
    assertThat(mf.kpis().keptPartial()).isEqualTo(1);
  }

  @Test
  void restartedProcess_reDerivesTheOrder_venueHoldsOneFallbackOnly() throws Exception {
    OrderEndRecorder first = new OrderEndRecorder(0.020);
    session(100, first).submit(buy("b4"));
    assertThat(first.awaitEnd()).isTrue();
    assertThat(server.exchange().orderCount()).isEqualTo(2);
    OrderEndRecorder second = new OrderEndRecorder(0.020);
    MakerFirstVenue restarted = session(100, second);
    restarted.submit(buy("b4"));
    assertThat(second.awaitEnd()).isTrue();
    assertThat(server.exchange().orderCount()).as("-4116: the existing orders").isEqualTo(2);
    assertThat(second.filled()).as("the fallback's fills are read back").isEqualTo(0.020);
    assertThat(second.fills)
        .extracting(Fill::tradeId)
        .containsExactlyElementsOf(first.fills.stream().map(Fill::tradeId).toList());
  }
}
