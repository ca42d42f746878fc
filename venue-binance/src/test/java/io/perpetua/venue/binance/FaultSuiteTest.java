package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.perpetua.trading.port.VenueOpenOrder;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The fault suite against the fake venue, each case repeated with a different seed: 0 duplicate
 * orders and 0 lost fills under random REST faults and stream drops; aggTrade id gaps fully
 * repaired after disconnects; orders submitted while the venue is unreachable are settled, never
 * lost; a restart with open orders on the venue converges (no order doubled, every fill reported
 * once, the venue's open orders are the ones the new process tracks).
 */
class FaultSuiteTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final StrategyId STRATEGY = StrategyId.of("faults");
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

  private BinanceVenue venue(RecordingListener listener) throws InterruptedException {
    int streams = server.userConnectionsOpened();
    BinanceVenue v =
        BinanceVenue.connect(
            FakeVenueSupport.client(server, 2_000, 800, 1_000), false, Clock.system());
    open.add(v);
    v.setListener(listener);
    v.onMarkPrice("BTCUSDT", new BigDecimal("50000.0"));
    assertThat(await(() -> server.userConnectionsOpened() > streams, 5_000)).isTrue();
    return v;
  }

  private static Order order(String decision, OrderSide side, String limit) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, decision, "BTCUSDT"),
        BTC,
        side,
        limit == null ? OrderType.MARKET : OrderType.LIMIT,
        Quantity.parse("0.010", 3),
        limit == null ? null : Price.parse(limit, 1),
        false,
        STRATEGY,
        null,
        1L);
  }

  private long venueTrades() {
    return server.exchange().userTrades("BTCUSDT", null).size();
  }

  private static long distinctTrades(List<Fill> fills) {
    return fills.stream().map(f -> f.tradeId().value()).distinct().count();
  }

  @RepeatedTest(5)
  void randomRestFaultsAndDrops_noDuplicateOrder_noLostFill(RepetitionInfo rep) throws Exception {
    SplittableRandom rnd = new SplittableRandom(1_000 + rep.getCurrentRepetition());
    RecordingListener listener = new RecordingListener();
    BinanceVenue v = venue(listener);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      switch (rnd.nextInt(6)) {
        case 0 -> server.faults().serverErrorAfterProcessingNext("/fapi/v1/order");
        case 1 -> server.faults().serverErrorNext("/fapi/v1/order");
        case 2 -> server.faults().timeoutNext("/fapi/v1/order", 1_000);
        case 3 -> server.faults().delayAcknowledgements(rnd.nextInt(50));
        case 4 -> server.dropConnections();
        default -> {
          // no fault
        }
      }
      Order o =
          order(
              "r" + rep.getCurrentRepetition() + "-" + i,
              i % 2 == 0 ? OrderSide.BUY : OrderSide.SELL,
              null);
      ids.add(o.clientOrderId().value());
      v.submit(o);
      if (rnd.nextInt(3) == 0) {
        v.submit(o); // a retry by the caller
      }
      v.awaitIdle(5_000);
      server.faults().delayAcknowledgements(0);
    }
    assertThat(await(() -> server.userConnections() >= 1, 5_000)).isTrue();
    v.reconcile();
    v.awaitIdle(5_000);
    assertThat(server.exchange().orderCount()).as("0 duplicate orders").isEqualTo(ids.size());
    assertThat(await(() -> distinctTrades(listener.fills) == venueTrades(), 5_000))
        .as("0 lost fills")
        .isTrue();
    assertThat(listener.fills).as("no fill reported twice").hasSize((int) venueTrades());
  }

  @RepeatedTest(5)
  void aggTradeGaps_areFullyRepairedAfterDisconnects(RepetitionInfo rep) throws Exception {
    SplittableRandom rnd = new SplittableRandom(2_000 + rep.getCurrentRepetition());
    List<Long> ids = new CopyOnWriteArrayList<>();
    BinanceRestClient rest =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 2_000, Duration.ofHours(23)), null, Clock.system());
    try (MarketDataStream s =
        new MarketDataStream(
            rest,
            MarketDataStream.streamsFor("BTCUSDT"),
            e -> {
              if (e instanceof MarketEvent.Trade t) {
                ids.add(t.trade().aggregateId());
              }
            })) {
      s.start();
      assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
      int n = 0;
      for (int round = 0; round < 3; round++) {
        for (int i = rnd.nextInt(1, 5); i > 0; i--) {
          server.exchange().trade("BTCUSDT", price(rnd), BigDecimal.ONE, false);
          n++;
        }
        int connects = s.connects();
        server.pauseMarketStream(true);
        server.dropConnections();
        for (int i = rnd.nextInt(1, 8); i > 0; i--) {
          server.exchange().trade("BTCUSDT", price(rnd), BigDecimal.ONE, true);
          n++;
        }
        assertThat(await(() -> s.connects() > connects, 5_000)).isTrue();
        assertThat(await(() -> server.marketConnections() == 1, 5_000)).isTrue();
        server.pauseMarketStream(false);
      }
      server.exchange().trade("BTCUSDT", price(rnd), BigDecimal.ONE, false);
      int total = n + 1;
      assertThat(await(() -> ids.size() >= total, 5_000)).isTrue();
      assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }
  }

  private static BigDecimal price(SplittableRandom rnd) {
    return new BigDecimal("50000.0").add(BigDecimal.valueOf(rnd.nextInt(-50, 50), 1));
  }

  @RepeatedTest(5)
  void ordersWhileUnreachable_areSettledNotLost(RepetitionInfo rep) throws Exception {
    RecordingListener listener = new RecordingListener();
    BinanceVenue v = venue(listener);
    server.faults().outage(true);
    List<Order> sent = new ArrayList<>();
    for (int i = 0; i < 2 + rep.getCurrentRepetition() % 3; i++) {
      Order o = order("u" + rep.getCurrentRepetition() + "-" + i, OrderSide.BUY, null);
      sent.add(o);
      v.submit(o);
    }
    v.awaitIdle(10_000);
    assertThat(server.exchange().orderCount()).as("nothing reached the venue").isZero();
    server.faults().outage(false);
    v.reconcile();
    v.awaitIdle(10_000);
    for (Order o : sent) {
      String id = o.clientOrderId().toString();
      assertThat(
              await(
                  () ->
                      listener.events.stream()
                          .anyMatch(
                              e ->
                                  e.contains(id)
                                      && (e.startsWith("fill") || e.startsWith("rejected"))),
                  5_000))
          .as("an outcome for %s", id)
          .isTrue();
    }
    assertThat(server.exchange().orderCount()).isLessThanOrEqualTo(sent.size());
    assertThat(listener.fills).hasSize((int) venueTrades());
  }

  @RepeatedTest(5)
  void restartWithOpenOrders_converges(RepetitionInfo rep) throws Exception {
    int k = rep.getCurrentRepetition();
    RecordingListener first = new RecordingListener();
    BinanceVenue a = venue(first);
    List<Order> orders =
        List.of(
            order("o" + k + "-1", OrderSide.BUY, "49900.0"),
            order("o" + k + "-2", OrderSide.BUY, "49800.0"),
            order("o" + k + "-3", OrderSide.SELL, "50100.0"));
    orders.forEach(a::submit);
    assertThat(await(() -> first.count("accepted") == 3, 5_000)).isTrue();
    a.close(); // the process dies with three orders open on the venue
    // while it is down, one (or two) of them fill
    server
        .exchange()
        .trade("BTCUSDT", new BigDecimal(k % 2 == 0 ? "49850.0" : "49750.0"), BigDecimal.ONE, true);
    long downFills = venueTrades();
    assertThat(downFills).isPositive();

    RecordingListener second = new RecordingListener();
    BinanceVenue b = venue(second);
    orders.forEach(b::submit); // the re-derived decisions, same client order ids
    b.awaitIdle(5_000);
    assertThat(await(() -> second.fills.size() == downFills, 5_000)).as("fills read back").isTrue();
    assertThat(server.exchange().orderCount()).as("0 duplicate orders").isEqualTo(3);
    List<VenueOpenOrder> venueOpen =
        new BinanceVenueAccount(FakeVenueSupport.client(server), "USDT").openOrders();
    assertThat(venueOpen).as("venue still holds the unfilled ones").hasSize((int) (3 - downFills));
    // the new process owns the open orders: a later print fills them and it reports them once
    server.exchange().trade("BTCUSDT", new BigDecimal("50150.0"), BigDecimal.ONE, false);
    server.exchange().trade("BTCUSDT", new BigDecimal("49700.0"), BigDecimal.ONE, true);
    assertThat(await(() -> second.fills.size() == 3, 5_000)).isTrue();
    assertThat(new BinanceVenueAccount(FakeVenueSupport.client(server), "USDT").openOrders())
        .isEmpty();
    assertThat(distinctTrades(second.fills)).isEqualTo(venueTrades());
  }
}
