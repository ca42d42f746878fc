package io.perpetua.venue.generic;

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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Maker-first execution ({@link MakerFirstVenue}) on the generic venue: its post-only limits, its
 * partial fills (every order fills in two trades) and its fee schedule (maker −1 bp, taker 4 bp).
 */
class MakerFirstOnGenericVenueTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final StrategyId STRATEGY = StrategyId.of("maker-first-test");
  private GenericExchange exchange;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    exchange =
        new GenericExchange(
            List.of(
                new GenericListing(
                    "BTC-PERP",
                    new BigDecimal("0.1"),
                    new BigDecimal("0.001"),
                    new BigDecimal("5"),
                    new BigDecimal("100.0"))),
            new BigDecimal("10000"),
            GenericFees.DEFAULT,
            2,
            System::currentTimeMillis);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private MakerFirstVenue session(long timeoutMs, OrderEndRecorder recorder) {
    GenericVenue venue = new GenericVenue(exchange, true, Clock.system());
    MakerFirstVenue mf =
        new MakerFirstVenue(
            venue,
            venue.instruments(),
            id -> exchange.lastPrice(GenericSymbols.of(id)).doubleValue(),
            new MakerFirstSettings(true, 1, timeoutMs, 10));
    mf.setListener(recorder);
    open.add(venue);
    open.add(mf);
    return mf;
  }

  private static Order buy(String decision, String qty) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, decision, "BTC-PERP"),
        BTC,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse(qty, 3),
        null,
        false,
        STRATEGY,
        null,
        1L);
  }

  @Test
  void restingLimitFilled_isAllMaker_withTheRebate() throws Exception {
    OrderEndRecorder r = new OrderEndRecorder(1.0);
    MakerFirstVenue mf = session(5_000, r);
    Order o = buy("d1", "1.000");
    mf.submit(o);
    assertThat(r.awaitAccepted()).isTrue();
    assertThat(r.accepted).containsExactly(o); // the kernel's market order, not the limit
    exchange.trade("BTC-PERP", new BigDecimal("99.9"));
    exchange.trade("BTC-PERP", new BigDecimal("99.9"));
    assertThat(r.awaitEnd()).isTrue();
    assertThat(r.fills).hasSize(2).allMatch(f -> f.liquidity() == Liquidity.MAKER);
    assertThat(r.fills).allMatch(f -> f.clientOrderId().equals(o.clientOrderId()));
    assertThat(r.fills).allMatch(f -> f.price().toDouble() == 99.9);
    double fees = r.fills.stream().mapToDouble(f -> f.fee().toDouble()).sum();
    assertThat(fees).isCloseTo(-99.9 * 1e-4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(exchange.orderCount()).isEqualTo(1);
    var k = mf.kpis();
    assertThat(k.entries()).isEqualTo(1);
    assertThat(k.makerOnly()).isEqualTo(1);
    assertThat(k.makerRatio()).isEqualTo(1.0);
    assertThat(k.frictionBps()).isLessThan(0); // rebate and a better price than the reference
  }

  @Test
  void timeout_cancelsAndTakesTheRemainderAtMarket_underTheDerivedId() throws Exception {
    OrderEndRecorder r = new OrderEndRecorder(1.0);
    MakerFirstVenue mf = session(100, r);
    Order o = buy("d2", "1.000");
    mf.submit(o);
    assertThat(r.awaitEnd()).isTrue();
    assertThat(r.filled()).isEqualTo(1.0);
    assertThat(r.fills).allMatch(f -> f.liquidity() == Liquidity.TAKER);
    assertThat(r.fills).allMatch(f -> f.clientOrderId().equals(o.clientOrderId()));
    assertThat(r.cancelled).isEmpty();
    assertThat(exchange.orderCount()).isEqualTo(2);
    assertThat(exchange.trades())
        .extracting(GenericEvent.Traded::clientId)
        .containsOnly(MakerFirstVenue.fallbackId(o).value());
    assertThat(MakerFirstVenue.fallbackId(o))
        .isEqualTo(ClientOrderIds.derive(STRATEGY, o.clientOrderId().value(), "mkt"));
    assertThat(exchange.positions()).isEqualTo(Map.of("BTC-PERP", new BigDecimal("1.000")));
    var k = mf.kpis();
    assertThat(k.timeouts()).isEqualTo(1);
    assertThat(k.fallbacks()).isEqualTo(1);
    assertThat(k.fallbackRate()).isEqualTo(1.0);
    assertThat(k.makerRatio()).isZero();
    assertThat(k.frictionBps()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void priceRanAway_keepsTheFilledPartOnly() throws Exception {
    OrderEndRecorder r = new OrderEndRecorder(1.0);
    MakerFirstVenue mf = session(300, r);
    Order o = buy("d3", "1.000");
    mf.submit(o);
    assertThat(r.awaitAccepted()).isTrue();
    exchange.trade("BTC-PERP", new BigDecimal("99.9")); // half the limit fills (maker)
    exchange.trade("BTC-PERP", new BigDecimal("101.0")); // +100 bps against the buy
    assertThat(r.awaitEnd()).isTrue();
    assertThat(r.cancelled).containsExactly(o.clientOrderId());
    assertThat(r.filled()).isEqualTo(0.5);
    assertThat(exchange.orderCount()).as("no market order").isEqualTo(1);
    assertThat(exchange.positions()).isEqualTo(Map.of("BTC-PERP", new BigDecimal("0.500")));
    var k = mf.kpis();
    assertThat(k.keptPartial()).isEqualTo(1);
    assertThat(k.fallbacks()).isZero();
    assertThat(k.makerRatio()).isEqualTo(1.0);
  }

  @Test
  void retry_neverDoublesTheFallback() throws Exception {
    OrderEndRecorder first = new OrderEndRecorder(1.0);
    MakerFirstVenue mf = session(100, first);
    Order o = buy("d4", "1.000");
    mf.submit(o);
    assertThat(first.awaitEnd()).isTrue();
    mf.submit(o); // the same decision again in the same process
    assertThat(exchange.orderCount()).isEqualTo(2);
    // a restarted process sends the journaled order again: same ids, new session; the venue
    // adopts the limit and its fallback (their trades reported again), places nothing
    OrderEndRecorder second = new OrderEndRecorder(1.0);
    MakerFirstVenue restarted = session(100, second);
    restarted.submit(o);
    assertThat(second.awaitEnd()).isTrue();
    assertThat(second.rejected).isEmpty();
    assertThat(second.fills)
        .extracting(Fill::tradeId)
        .containsExactlyInAnyOrderElementsOf(first.fills.stream().map(Fill::tradeId).toList());
    assertThat(exchange.orderCount()).as("limit + one fallback, never two").isEqualTo(2);
    assertThat(exchange.positions()).isEqualTo(Map.of("BTC-PERP", new BigDecimal("1.000")));
    assertThat(first.fills.stream().mapToDouble(f -> f.quantity().toDouble()).sum()).isEqualTo(1.0);
    assertThat(first.fills).extracting(Fill::tradeId).doesNotHaveDuplicates();
  }
}
