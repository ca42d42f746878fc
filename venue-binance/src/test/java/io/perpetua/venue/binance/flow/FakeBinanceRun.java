package io.perpetua.venue.binance.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TickStrategy;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeExchange;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeReject;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A tick kernel live against the fake Binance, driven deterministically: the Binance adapter
 * ({@link BinanceVenue}, signed REST and the user-data WebSocket, limits post-only as GTX) behind
 * the kernel's {@link AsyncVenueBridge}; each replayed trade is printed on the fake first, and
 * before each print and each kernel step the run waits (polling, with a deadline) until the fake
 * has answered every order sent and the adapter has reported every answer to the bridge. The bridge
 * then hands the answers to the kernel at its next step, as a real venue's answers arrive after a
 * round trip, with no wall-clock race.
 */
final class FakeBinanceRun implements AutoCloseable {
  private static final long DEADLINE_MS = 10_000;

  private final FakeBinanceServer server;
  private final FakeExchange fake;
  private final BinanceVenue venue;
  private final Reported reported;
  private final List<Fill> fills = new ArrayList<>();
  private AsyncVenueBridge bridge;
  private TradingKernel kernel;

  private FakeBinanceRun(FakeBinanceServer server, BinanceVenue venue) {
    this.server = server;
    this.fake = server.exchange();
    this.venue = venue;
    this.reported = new Reported(venue);
  }

  /** A fake listing {@code listings} with 1,000,000 USDT and a connected adapter. */
  static FakeBinanceRun start(List<FakeListing> listings) throws InterruptedException {
    FakeBinanceServer server =
        FakeBinanceServer.start(listings, "127.0.0.1", 0, new BigDecimal("1000000"));
    BinanceRestClient rest =
        new BinanceRestClient(
            BinanceConfig.of(server.restBaseUrl(), server.wsBaseUrl()),
            new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
            Clock.system());
    FakeBinanceRun run =
        new FakeBinanceRun(server, BinanceVenue.connect(rest, true, Clock.system()));
    long end = System.currentTimeMillis() + DEADLINE_MS;
    while (server.userConnections() != 1) {
      assertThat(System.currentTimeMillis()).as("user stream connected").isLessThan(end);
      LockSupport.parkNanos(1_000_000);
    }
    return run;
  }

  List<FakeListing> listings() {
    return fake.listings();
  }

  /** The adapter's instruments (the venue's filters) of {@code symbols}, in that order. */
  List<Instrument> instruments(List<String> symbols) {
    Map<InstrumentId, Instrument> all = venue.instruments();
    return symbols.stream().map(s -> all.get(InstrumentId.fromVenueSymbol(s))).toList();
  }

  /**
   * Runs {@code strategy} over {@code ticks}: each trade printed on the fake, then stepped by the
   * kernel. Answers to the orders of the last step stay with the bridge (as a backtest's stay with
   * the simulated venue) until {@link #assertBookedAsTheVenue}.
   */
  void run(
      List<Instrument> instruments,
      TickStrategy strategy,
      KernelListener listener,
      long startMs,
      List<FlowTick> ticks)
      throws InterruptedException, TimeoutException {
    KernelListener recording =
        new KernelListener() {
          @Override
          public void onEvent(Event event) {
            if (event instanceof OrderFilled f) {
              fills.add(f.fill());
            }
            listener.onEvent(event);
          }

          @Override
          public void onOrderSent(Order order) {
            listener.onOrderSent(order);
          }
        };
    kernel =
        TickKernels.over(
            instruments,
            null,
            recording,
            strategy,
            startMs,
            clock -> bridge = new AsyncVenueBridge(reported, clock, (i, p, t) -> {}, 2_000));
    FakeVenuePriceFeed feed = new FakeVenuePriceFeed(fake, venue::onMarkPrice);
    for (FlowTick t : ticks) {
      if (t instanceof AggTrade a) {
        feed.onTrade(a.instrument(), a.price(), BigDecimal.valueOf(a.quantity()), a.buyerMaker());
        if (reported.reaches(a.instrument(), a.price())) {
          settle(); // the print may have filled a resting order
        }
      }
      kernel.onTick(t);
      settle();
    }
  }

  /**
   * Lets the last answers reach the kernel, then checks that it booked exactly the venue's trades
   * (each once) and holds the venue's positions, and that no exit was refused as reduce-only.
   */
  void assertBookedAsTheVenue(List<ClosedFlowTrade> closed)
      throws InterruptedException, TimeoutException {
    long end = System.currentTimeMillis() + DEADLINE_MS;
    do {
      assertThat(System.currentTimeMillis()).as("venue settled").isLessThan(end);
      bridge.drain();
      settle();
    } while (!bridge.idle());
    List<String> venueTrades = new ArrayList<>();
    for (FakeListing l : fake.listings()) {
      fake.userTrades(l.symbol(), null)
          .forEach(tr -> venueTrades.add(l.symbol() + "-" + tr.get("id").asText()));
      BigDecimal net = BigDecimal.ZERO;
      for (Fill f : fills) {
        if (f.instrument().venueSymbol().equals(l.symbol())) {
          BigDecimal q = f.quantity().toBigDecimal();
          net = f.side() == OrderSide.BUY ? net.add(q) : net.subtract(q);
        }
      }
      assertThat(net).as(l.symbol() + " position").isEqualByComparingTo(position(l.symbol()));
    }
    assertThat(fills)
        .extracting(f -> f.tradeId().value())
        .as("every venue trade booked exactly once")
        .containsExactlyInAnyOrderElementsOf(venueTrades);
    assertThat(reported.refusals.values())
        .noneMatch(r -> r.contains("-2022") || r.contains("ReduceOnly"));
    assertThat(closed).isNotEmpty();
  }

  private BigDecimal position(String symbol) {
    for (JsonNode p : fake.positionRisk()) {
      if (p.get("symbol").asText().equals(symbol)) {
        return new BigDecimal(p.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  /**
   * Waits until every order sent has reached the fake and every answer of the fake (acceptance,
   * fills, cancellation, expiry, refusal) has been reported to the bridge.
   */
  private void settle() throws InterruptedException, TimeoutException {
    if (!reported.sentOrCancelled && !reported.printed) {
      return; // nothing asked of the fake since it last answered everything
    }
    long end = System.currentTimeMillis() + DEADLINE_MS;
    while (true) {
      venue.awaitIdle(DEADLINE_MS);
      boolean settled = true;
      for (Iterator<Order> it = reported.unsettled.values().iterator(); it.hasNext(); ) {
        Boolean done = reported.answered(fake, it.next());
        if (done == null) {
          settled = false;
        } else if (done) {
          it.remove();
        }
      }
      if (settled) {
        reported.sentOrCancelled = false;
        reported.printed = false;
        return;
      }
      assertThat(System.currentTimeMillis()).as("the fake's answers reported").isLessThan(end);
      LockSupport.parkNanos(100_000);
    }
  }

  @Override
  public void close() {
    venue.close();
    server.close();
  }

  /** The adapter as the bridge sees it, noting what it reported per order. */
  private static final class Reported implements Venue {
    private final BinanceVenue venue;
    // sent and not yet final, by client order id; kernel thread
    final Map<ClientOrderId, Order> unsettled = new LinkedHashMap<>();
    boolean sentOrCancelled; // since the fake last answered everything (kernel thread)
    boolean printed; // a print reached a resting order since (kernel thread)
    final Set<ClientOrderId> accepted = ConcurrentHashMap.newKeySet();
    final Set<ClientOrderId> ended = ConcurrentHashMap.newKeySet();
    final Map<ClientOrderId, BigDecimal> filled = new ConcurrentHashMap<>();
    final Map<ClientOrderId, String> refusals = new ConcurrentHashMap<>();

    Reported(BinanceVenue venue) {
      this.venue = venue;
    }

    /**
     * True when the order is final and fully reported, false when it rests and is reported so far,
     * null while the fake's state is not reported yet.
     */
    Boolean answered(FakeExchange fake, Order order) {
      ClientOrderId id = order.clientOrderId();
      String symbol = order.instrument().venueSymbol();
      JsonNode at;
      try {
        at = fake.queryOrder(Map.of("symbol", symbol, "origClientOrderId", id.value()));
      } catch (FakeReject notRecorded) {
        return ended.contains(id) ? Boolean.TRUE : null; // refused before or by the venue
      }
      BigDecimal executed = new BigDecimal(at.get("executedQty").asText());
      boolean fillsReported = filled.getOrDefault(id, BigDecimal.ZERO).compareTo(executed) == 0;
      return switch (at.get("status").asText()) {
        case "NEW" -> accepted.contains(id) ? Boolean.FALSE : null;
        case "PARTIALLY_FILLED" -> accepted.contains(id) && fillsReported ? Boolean.FALSE : null;
        case "FILLED" -> fillsReported ? Boolean.TRUE : null;
        default -> ended.contains(id) && fillsReported ? Boolean.TRUE : null; // CANCELED, EXPIRED
      };
    }

    @Override
    public void setListener(VenueListener bridge) {
      venue.setListener(
          new VenueListener() {
            @Override
            public void onAccepted(Order order, long timeMs) {
              bridge.onAccepted(order, timeMs);
              accepted.add(order.clientOrderId());
            }

            @Override
            public void onFill(Fill fill) {
              bridge.onFill(fill);
              filled.merge(fill.clientOrderId(), fill.quantity().toBigDecimal(), BigDecimal::add);
            }

            @Override
            public void onRejected(Order order, String reason, long timeMs) {
              bridge.onRejected(order, reason, timeMs);
              refusals.put(order.clientOrderId(), reason);
              ended.add(order.clientOrderId());
            }

            @Override
            public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
              bridge.onCancelled(clientOrderId, timeMs);
              ended.add(clientOrderId);
            }
          });
    }

    /** Whether a print at {@code price} reaches a resting limit order of {@code instrument}. */
    boolean reaches(InstrumentId instrument, double price) {
      for (Order o : unsettled.values()) {
        if (o.instrument().equals(instrument)
            && o.limitPrice() != null
            && o.side().sign() * (o.limitPrice().toDouble() - price) >= 0) {
          printed = true;
          return true;
        }
      }
      return false;
    }

    @Override
    public void submit(Order order) {
      unsettled.put(order.clientOrderId(), order);
      sentOrCancelled = true;
      venue.submit(order);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      sentOrCancelled = true;
      venue.cancel(clientOrderId);
    }

    @Override
    public boolean isSimulated() {
      return false;
    }
  }
}
