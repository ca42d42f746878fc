package io.perpetua.venue.binance.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.FlowTestKit;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeExchange;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live flow = the kernel + a real venue adapter: the factory flow strategies run as a {@link
 * io.perpetua.trading.flow.KernelFlowStrategy} on a tick kernel whose venue port is the Binance
 * adapter ({@link BinanceVenue}: signed REST and the user-data WebSocket, limits post-only as GTX)
 * behind the kernel's {@link AsyncVenueBridge}, against a fake Binance account that prints every
 * replayed trade first. No executor copies decisions: the bracket orders go out through the
 * kernel's execution service and venue port.
 */
class KernelFlowOnFakeBinanceTest {
  private static final List<String> SYMBOLS = List.of("BTCUSDT");
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final List<FlowTick> TICKS = FlowTestKit.synthetic(21, 150 * 60_000L, SYMBOLS);

  private FakeBinanceServer server;
  private BinanceVenue venue;
  private FakeExchange fake;

  /** What one run sent, filled and closed. */
  private static final class Run implements KernelListener, FlowListener {
    final List<Order> sent = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    final List<ClosedFlowTrade> trades = new ArrayList<>();
    final Map<ClientOrderId, String> venueRejected = new LinkedHashMap<>();

    @Override
    public void onOrderSent(Order order) {
      sent.add(order);
    }

    @Override
    public void onEvent(Event event) {
      if (event instanceof OrderFilled f) {
        fills.add(f.fill());
      } else if (event instanceof OrderRejected r && r.rule().equals("venue")) {
        venueRejected.put(r.order().clientOrderId(), r.reason());
      }
    }

    @Override
    public void onTradeClosed(ClosedFlowTrade trade) {
      trades.add(trade);
    }
  }

  @BeforeEach
  void start() throws InterruptedException {
    double first =
        TICKS.stream()
            .filter(AggTrade.class::isInstance)
            .map(t -> ((AggTrade) t).price())
            .findFirst()
            .orElseThrow();
    FakeListing std = FakeListing.standard("BTCUSDT", null);
    FakeListing listing =
        new FakeListing(
            std.symbol(),
            std.tickSize(),
            std.stepSize(),
            std.minNotional(),
            BigDecimal.valueOf(first)
                .divide(std.tickSize(), 0, java.math.RoundingMode.HALF_EVEN)
                .multiply(std.tickSize()),
            std.makerFee(),
            std.takerFee());
    server = FakeBinanceServer.start(List.of(listing), "127.0.0.1", 0, new BigDecimal("1000000"));
    fake = server.exchange();
    BinanceRestClient rest =
        new BinanceRestClient(
            BinanceConfig.of(server.restBaseUrl(), server.wsBaseUrl()),
            new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
            Clock.system());
    venue = BinanceVenue.connect(rest, true, Clock.system()); // limits post-only (GTX)
    await("user stream connected", () -> server.userConnections() == 1);
  }

  @AfterEach
  void stop() {
    if (venue != null) {
      venue.close();
    }
    server.close();
  }

  private List<Instrument> instruments() {
    return List.of(venue.instruments().get(BTC));
  }

  /** The ticks through a tick kernel on the fake: each trade printed on the fake first. */
  private Run live() throws InterruptedException {
    Run run = new Run();
    AsyncVenueBridge[] bridge = new AsyncVenueBridge[1];
    TradingKernel kernel =
        TickKernels.over(
            instruments(),
            null,
            run,
            FlowTestKit.strategy(SYMBOLS, run),
            FlowTestKit.START - 60_000,
            clock -> bridge[0] = new AsyncVenueBridge(venue, clock, (i, p, t) -> {}, 2_000));
    FakeVenuePriceFeed feed = new FakeVenuePriceFeed(fake, venue::onMarkPrice);
    for (FlowTick t : TICKS) {
      if (t instanceof AggTrade a) {
        feed.onTrade(a.instrument(), a.price(), BigDecimal.valueOf(a.quantity()), a.buyerMaker());
      }
      kernel.onTick(t);
    }
    // the venue's last answers reach the kernel on its thread (the brackets may answer them)
    await(
        "venue settled",
        () -> {
          bridge[0].drain();
          return bridge[0].idle();
        });
    return run;
  }

  @Test
  void flowBrackets_reachTheFakeBinance_throughTheKernelsVenuePort_withDerivedIds()
      throws Exception {
    Run live = live();
    Run backtest = new Run();
    TradingKernel simulated =
        TickKernels.simulated(
            instruments(),
            null,
            backtest,
            FlowTestKit.strategy(SYMBOLS, backtest),
            FlowTestKit.START - 60_000);
    TICKS.forEach(simulated::onTick);

    assertThat(live.sent).isNotEmpty();
    assertThat(live.trades).isNotEmpty();
    everyOrderIsAtTheVenue(live);
    for (ClosedFlowTrade t : live.trades) { // legs named by strategy, decision key and leg
      assertThat(live.sent)
          .extracting(Order::clientOrderId)
          .contains(ClientOrderIds.derive(t.strategyId(), t.id(), "entry"));
    }
    // the kernel booked exactly the venue's trades, and its position is the venue's
    List<String> venueTrades = new ArrayList<>();
    fake.userTrades("BTCUSDT", null)
        .forEach(tr -> venueTrades.add("BTCUSDT-" + tr.get("id").asText()));
    assertThat(live.fills)
        .extracting(f -> f.tradeId().value())
        .as("every venue trade booked exactly once")
        .containsExactlyInAnyOrderElementsOf(venueTrades);
    // no exit refused as reduce-only against the net side (-2022), no leg sent twice
    assertThat(live.venueRejected.values())
        .noneMatch(r -> r.contains("-2022") || r.contains("ReduceOnly"))
        .noneMatch(r -> r.startsWith("duplicate client order id"));
    assertThat(live.sent).extracting(Order::clientOrderId).doesNotHaveDuplicates();
    assertThat(net(live.fills)).isEqualByComparingTo(venuePosition());
    // the first decision is the backtest's first order
    Order a = live.sent.get(0);
    Order b = backtest.sent.get(0);
    assertThat(List.of(a.clientOrderId(), a.side(), a.type(), a.quantity(), a.reduceOnly()))
        .isEqualTo(List.of(b.clientOrderId(), b.side(), b.type(), b.quantity(), b.reduceOnly()));
    assertThat(a.limitPrice()).isEqualTo(b.limitPrice());
    System.out.printf(
        "live: %d orders (%d distinct ids; venue refused %s), %d fills, %d trades;"
            + " backtest: %d orders, %d trades%n",
        live.sent.size(),
        live.sent.stream().map(Order::clientOrderId).distinct().count(),
        live.venueRejected.values(),
        live.fills.size(),
        live.trades.size(),
        backtest.sent.size(),
        backtest.trades.size());
  }

  /**
   * Every order the kernel sent is at the venue as the kernel's order, or the venue refused it (a
   * post-only order that would take, as Binance: not recorded) and the kernel got the refusal; the
   * venue holds no order the kernel did not send.
   */
  private void everyOrderIsAtTheVenue(Run live) {
    for (Order o : live.sent) {
      if (live.venueRejected.containsKey(o.clientOrderId())) {
        continue;
      }
      JsonNode at =
          fake.queryOrder(
              Map.of("symbol", "BTCUSDT", "origClientOrderId", o.clientOrderId().value()));
      assertThat(at.get("side").asText()).isEqualTo(o.side().name());
      assertThat(at.get("type").asText()).isEqualTo(o.type().name());
      assertThat(new BigDecimal(at.get("origQty").asText()))
          .isEqualByComparingTo(o.quantity().toBigDecimal());
      assertThat(at.get("reduceOnly").asBoolean()).isEqualTo(o.reduceOnly());
      if (o.type() == OrderType.LIMIT) {
        assertThat(at.get("timeInForce").asText()).isEqualTo("GTX");
      }
    }
    var ids = live.sent.stream().map(o -> o.clientOrderId().value()).toList();
    for (JsonNode o : fake.allOrders()) {
      assertThat(ids).contains(o.get("clientOrderId").asText());
    }
  }

  private static BigDecimal net(List<Fill> fills) {
    BigDecimal net = BigDecimal.ZERO;
    for (Fill f : fills) {
      BigDecimal q = f.quantity().toBigDecimal();
      net = f.side() == OrderSide.BUY ? net.add(q) : net.subtract(q);
    }
    return net;
  }

  private BigDecimal venuePosition() {
    for (JsonNode p : fake.positionRisk()) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        return new BigDecimal(p.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (!done.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(end);
      Thread.sleep(5);
    }
  }
}
