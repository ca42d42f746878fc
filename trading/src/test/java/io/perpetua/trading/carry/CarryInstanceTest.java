package io.perpetua.trading.carry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.VenueListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CarryInstanceTest {
  private static final Instrument BTC =
      new Instrument(
          new InstrumentId("BTC", "USDT", "USDT"),
          new Price(10, 2),
          new Quantity(1, 3),
          Money.of(5));
  private static final Quantity QTY = new Quantity(100, 3);

  /** The two accounts as the carry reads them; positions follow the fills of {@link Path}. */
  static final class Market implements CarryMarket {
    volatile Quote quote = new Quote(Price.parse("50000", 2), Price.parse("50000.10", 2));
    volatile double rate = 0.0001;
    volatile Optional<Settlement> settlement = Optional.empty();
    volatile boolean down;
    final Set<ClientOrderId> open = ConcurrentHashMap.newKeySet();
    volatile Quantity spot = Quantity.zero(3);
    volatile Quantity perp = Quantity.zero(3);

    @Override
    public Quote spotQuote() {
      check();
      return quote;
    }

    @Override
    public Quote perpQuote() {
      return quote;
    }

    @Override
    public Quantity spotPosition() {
      return spot;
    }

    @Override
    public Quantity perpPosition() {
      return perp;
    }

    @Override
    public Set<ClientOrderId> openOrders() {
      return Set.copyOf(open);
    }

    @Override
    public double fundingRate() {
      return rate;
    }

    @Override
    public Optional<Settlement> lastSettlement() {
      return settlement;
    }

    private void check() {
      if (down) {
        throw new IllegalStateException("venue unreachable");
      }
    }
  }

  /** A real leg's order path: fills at once at the limit unless told to hold the order open. */
  static final class Path implements OrderGateway {
    final String leg;
    final Market market;
    final List<Order> sent = new CopyOnWriteArrayList<>();
    volatile VenueListener events;
    volatile boolean hold;

    Path(String leg, Market market) {
      this.leg = leg;
      this.market = market;
    }

    @Override
    public boolean submit(Order o) {
      sent.add(o);
      if (hold) {
        market.open.add(o.clientOrderId());
        return true;
      }
      fill(o);
      return true;
    }

    void fill(Order o) {
      market.open.remove(o.clientOrderId());
      Quantity signed = o.side() == OrderSide.BUY ? o.quantity() : o.quantity().negate();
      if (leg.equals("spot")) {
        market.spot = market.spot.plus(signed);
      } else {
        market.perp = market.perp.plus(signed);
      }
      events.onFill(
          new Fill(
              new TradeId(o.clientOrderId().value()),
              o.clientOrderId(),
              o.instrument(),
              o.side(),
              o.quantity(),
              o.limitPrice(),
              Money.ZERO,
              Liquidity.TAKER,
              System.currentTimeMillis()));
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {}

    @Override
    public long nowMillis() {
      return System.currentTimeMillis();
    }
  }

  private final Market market = new Market();
  private final Path spot = new Path("spot", market);
  private final Path perp = new Path("perp", market);
  private final InMemoryCarryStore store = new InMemoryCarryStore();
  private final List<CarryInstance> running = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    running.forEach(CarryInstance::close);
  }

  private CarryInstance instance() {
    CarrySpec spec =
        new CarrySpec(
            "btc1",
            "BTC-USD",
            "spot-main",
            "perp-main",
            BTC,
            BTC,
            CarryLimits.spec(Money.of(10_000)),
            0.001,
            0.0005,
            20);
    CarryInstance.LegPaths paths =
        new CarryInstance.LegPaths() {
          @Override
          public OrderGateway spot(VenueListener events) {
            spot.events = events;
            return spot;
          }

          @Override
          public OrderGateway perp(VenueListener events) {
            perp.events = events;
            return perp;
          }
        };
    CarryInstance c = new CarryInstance(spec, market, paths, store, System::currentTimeMillis);
    running.add(c);
    return c.start();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(10); // polling with a deadline
    }
  }

  private void cycle(CarryInstance c) throws InterruptedException {
    await(() -> c.status().updatedMs() > 0, "first tick");
    c.start(QTY, "alice");
    c.confirm("alice");
    await(() -> c.status().state() == CarryState.HOLDING, "holding");
    market.settlement =
        Optional.of(
            new CarryMarket.Settlement(System.currentTimeMillis(), 0.0001, market.quote.bid()));
    await(() -> !store.funding("btc1", 10).isEmpty(), "funding booked");
    c.close("bob");
    c.confirm("bob");
    await(() -> c.status().state() == CarryState.IDLE, "closed");
  }

  @Test
  void dryRunByDefault_fullCycle_recordsOrdersLedgerFundingSnapshotsAndWhoActed() throws Exception {
    market.settlement = Optional.of(new CarryMarket.Settlement(1, 0.0002, market.quote.bid()));
    CarryInstance c = instance();
    assertThat(c.status().mode()).isEqualTo(CarryInstance.DRY_RUN);
    cycle(c);
    assertThat(spot.sent).as("dry-run sends nothing").isEmpty();
    assertThat(perp.sent).isEmpty();
    assertThat(store.funding("btc1", 10))
        .as("the settlement before the carry ran is not booked; the one while holding is")
        .singleElement()
        .satisfies(f -> assertThat(f.value().amount()).isEqualTo(Money.parse("0.5")));
    assertThat(store.orders("btc1", 10))
        .extracting(CarryStore.OrderRecord::clientOrderId)
        .containsExactlyInAnyOrder(
            "carry-btc1-1-o-spot-1",
            "carry-btc1-1-o-perp-1",
            "carry-btc1-1-c-spot-1",
            "carry-btc1-1-c-perp-1");
    assertThat(store.ledger("btc1", 10)).hasSize(5).allMatch(l -> l.mode().equals("dry_run"));
    assertThat(store.snapshots("btc1", 10))
        .anySatisfy(
            s -> {
              assertThat(s.state()).isEqualTo("holding");
              assertThat(s.spotPosition()).isEqualTo("0.100");
              assertThat(s.hedgeDeviation()).isZero();
            });
    assertThat(store.events("btc1", 20))
        .extracting(CarryAlert::message)
        .anyMatch(m -> m.contains("start_requested by alice"))
        .anyMatch(m -> m.contains("close_requested by bob"));
  }

  @Test
  void realMode_needsTheChecklistAndAConfirmation_thenTradesOnTheAccounts() throws Exception {
    CarryInstance c = instance();
    await(() -> c.status().updatedMs() > 0, "first tick");
    assertThatThrownBy(() -> c.requestMode(CarryInstance.REAL, "alice"))
        .isInstanceOf(CarryException.class)
        .hasMessageContaining("dry_run_cycle");
    cycle(c);
    assertThat(c.checklist()).allMatch(CarryCheck::passed);
    assertThat(c.requestMode(CarryInstance.REAL, "alice").pending()).isEqualTo("mode_real");
    assertThat(c.status().mode()).as("not before the confirmation").isEqualTo("dry_run");
    c.confirm("bob");
    assertThat(c.status().mode()).isEqualTo(CarryInstance.REAL);
    c.start(QTY, "alice");
    c.confirm("alice");
    await(() -> c.status().state() == CarryState.HOLDING, "holding for real");
    assertThat(spot.sent)
        .singleElement()
        .satisfies(
            o ->
                assertThat(o.clientOrderId().value())
                    .as("the cycle counter carries on from dry-run")
                    .isEqualTo("carry-btc1-2-o-spot-1"));
    assertThat(market.spot).isEqualTo(QTY);
    assertThat(market.perp).isEqualTo(QTY.negate());
  }

  @Test
  void fiveFailedReads_halt_andOnlyAnAdminResetReturnsToIdle() throws Exception {
    CarryInstance c = instance();
    await(() -> c.status().updatedMs() > 0, "first tick");
    market.down = true;
    await(() -> c.status().state() == CarryState.HALTED, "halted");
    assertThat(store.events("btc1", 20)).extracting(CarryAlert::kind).contains("api_failures");
    market.down = false;
    assertThatThrownBy(() -> c.start(QTY, "alice")).isInstanceOf(CarryException.class);
    assertThat(c.resetHalted("root").state()).isEqualTo(CarryState.IDLE);
  }

  @RepeatedTest(3)
  void restartInOpening_restoresAndReconciles_withoutSendingAnyOrderTwice() throws Exception {
    CarryInstance first = instance();
    cycle(first); // dry-run acceptance
    first.requestMode(CarryInstance.REAL, "alice");
    first.confirm("bob");
    perp.hold = true; // the perp order stays open at the venue
    first.start(QTY, "alice");
    first.confirm("alice");
    await(() -> perp.sent.size() == 1 && market.spot.equals(QTY), "both legs sent");
    first.close(); // SIGKILL: nothing more from this instance
    Order working = perp.sent.get(0);

    CarryInstance second = instance();
    await(() -> second.status().updatedMs() > 0, "restarted tick");
    assertThat(second.status().mode()).isEqualTo(CarryInstance.REAL);
    assertThat(second.status().state()).isEqualTo(CarryState.OPENING);
    assertThat(spot.sent).as("spot filled before the crash: not sent again").hasSize(1);
    assertThat(perp.sent).as("perp order still open: waited for").hasSize(1);
    perp.fill(working);
    await(() -> second.status().state() == CarryState.HOLDING, "holding after restart");
    assertThat(store.events("btc1", 50)).extracting(CarryAlert::kind).contains("reconciled");
  }
}
