package io.perpetua.app.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.control.AccountKind;
import io.perpetua.trading.control.AccountPorts;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.control.ControlAccount;
import io.perpetua.trading.control.LegResult;
import io.perpetua.trading.control.MarginMode;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.venue.generic.GenericExchange;
import io.perpetua.venue.generic.GenericFees;
import io.perpetua.venue.generic.GenericListing;
import io.perpetua.venue.generic.GenericVenue;
import io.perpetua.venue.generic.GenericVenueAccount;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control account's orders go through the trading kernel: journaled in the JDBC trading journal
 * before the venue sees them, resumed from it after a crash under the same client id (never a
 * second order at the venue), fills booked into the kernel account, and the platform's emergency
 * stop refuses them before the venue.
 */
class ControlKernelCrashTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Instrument BTC_I =
      new Instrument(BTC, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(5));
  private static final String ACCOUNT = "generic-a";

  @TempDir Path dir;
  private Database db;
  private GenericExchange exchange;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    db = Database.open(DatabaseConfig.embedded(dir.resolve("db")));
    exchange =
        new GenericExchange(
            List.of(
                new GenericListing(
                    "BTC-PERP",
                    new BigDecimal("0.1"),
                    new BigDecimal("0.001"),
                    new BigDecimal("5"),
                    new BigDecimal("50000.0"))),
            new BigDecimal("20000"),
            GenericFees.DEFAULT,
            2,
            System::currentTimeMillis);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    db.close();
  }

  /** A session of the platform: the account's registry over {@code venue}, journaled to the db. */
  private AccountRegistry session(Venue venue, RiskEngine platform) {
    AccountRegistry registry = new AccountRegistry(System::currentTimeMillis);
    open.add(registry::close);
    Book book =
        Book.top(
            new BigDecimal("49999.9"), BigDecimal.TEN, new BigDecimal("50000.1"), BigDecimal.TEN);
    registry.register(
        new ControlAccount(
            ACCOUNT,
            "generic",
            AccountKind.PERP,
            "none",
            5,
            MarginMode.CROSS,
            new BigDecimal("0.0004"),
            Map.of()),
        new AccountPorts(
            venue, new GenericVenueAccount(exchange), i -> Optional.of(book), Map.of(BTC, BTC_I)));
    registry.openOrderPaths(
        AccountKernels.journaled(new JdbcTradingJournal(db), platform, System::currentTimeMillis));
    return registry;
  }

  private GenericVenue genericVenue() {
    GenericVenue v = new GenericVenue(exchange, false, Clock.system());
    open.add(v);
    return v;
  }

  private static Order hedgeLeg(String operation) {
    return new Order(
        ClientOrderIds.derive(StrategyId.of("control"), operation, ACCOUNT + "#1"),
        BTC,
        OrderSide.BUY,
        OrderType.LIMIT,
        Quantity.parse("0.100", 3),
        Price.parse("50100.0", 1),
        false,
        StrategyId.of("control"),
        null,
        System.currentTimeMillis());
  }

  private static LegResult execute(AccountRegistry registry, Order order, long timeoutMs) {
    long now = System.currentTimeMillis();
    return registry
        .entry(ACCOUNT)
        .gateway()
        .execute(
            order,
            BTC_I,
            OrderContext.standalone(
                Price.parse("50000.0", 1),
                now,
                Money.of(20_000),
                Money.notional(order.limitPrice(), order.quantity())),
            timeoutMs);
  }

  private Optional<OrderRecord> journaled(ClientOrderId id) {
    return new JdbcTradingJournal(db)
        .recentOrders(100).stream().filter(r -> r.order().clientOrderId().equals(id)).findFirst();
  }

  private boolean filledInTheJournal(ClientOrderId id) throws InterruptedException {
    return await(() -> journaled(id).map(r -> r.status() == OrderStatus.FILLED).orElse(false));
  }

  private static boolean await(BooleanSupplier c) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (!c.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return c.getAsBoolean();
  }

  /**
   * The venue port of a session that dies: with no {@code venue} it sees every order and passes
   * none on (the process died before the request left); with one it passes orders on but their
   * answers never arrive (the process died before they did).
   */
  private record Dying(Venue venue, List<Order> seen) implements Venue {
    @Override
    public void setListener(VenueListener listener) {
      if (venue != null) {
        venue.setListener(
            new VenueListener() {
              @Override
              public void onAccepted(Order order, long timeMs) {}

              @Override
              public void onFill(io.perpetua.core.order.Fill fill) {}

              @Override
              public void onRejected(Order order, String reason, long timeMs) {}

              @Override
              public void onCancelled(ClientOrderId clientOrderId, long timeMs) {}
            });
      }
    }

    @Override
    public void submit(Order order) {
      seen.add(order);
      if (venue != null) {
        venue.submit(order);
      }
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {}

    @Override
    public boolean isSimulated() {
      return false;
    }
  }

  @RepeatedTest(3)
  void hedgeLegJournaledBeforeACrash_isSentAfterTheRestart_onceAndBookedIntoTheAccount()
      throws Exception {
    List<Order> seen = new ArrayList<>();
    AccountRegistry before = session(new Dying(null, seen), RiskEngine.unlimited());
    Order leg = hedgeLeg("op-crash-1");
    LegResult lost = execute(before, leg, 200);
    assertThat(seen).as("the venue port was reached after journaling").containsExactly(leg);
    assertThat(lost.status()).isEqualTo(LegResult.Status.TIMED_OUT);
    assertThat(journaled(leg.clientOrderId()))
        .as("the intent is in the JDBC journal, not only in memory")
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(OrderStatus.PENDING));
    assertThat(exchange.orderCount()).isZero();
    before.close(); // the crash: nothing of the session survives but the database

    AccountRegistry after = session(genericVenue(), RiskEngine.unlimited());
    assertThat(filledInTheJournal(leg.clientOrderId()))
        .as("resumed from the journal and filled")
        .isTrue();
    assertThat(exchange.orderCount()).isEqualTo(1);
    assertThat(exchange.positions().get("BTC-PERP")).isEqualByComparingTo("0.1");
    var kernel = after.entry(ACCOUNT).gateway().kernel().orElseThrow();
    assertThat(kernel.position(BTC)).isEqualByComparingTo("0.1");

    LegResult again = execute(after, leg, 1_000);
    assertThat(again.status())
        .as("the same client id never becomes a second order")
        .isEqualTo(LegResult.Status.REJECTED);
    assertThat(again.reason()).startsWith("duplicate_client_order_id");
    assertThat(exchange.orderCount()).isEqualTo(1);
    assertThat(kernel.position(BTC)).isEqualByComparingTo("0.1");
    assertThat(journaled(leg.clientOrderId()).orElseThrow().status())
        .as("the journaled record stays as it ended")
        .isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void hedgeLegSentBeforeACrash_isAdoptedAfterTheRestart_notPlacedTwice() throws Exception {
    AccountRegistry before =
        session(new Dying(genericVenue(), new ArrayList<>()), RiskEngine.unlimited());
    Order leg = hedgeLeg("op-crash-2");
    execute(before, leg, 200);
    assertThat(await(() -> exchange.orderCount() == 1)).isTrue();
    assertThat(journaled(leg.clientOrderId()).orElseThrow().status().isTerminal()).isFalse();
    before.close();

    AccountRegistry after = session(genericVenue(), RiskEngine.unlimited());
    assertThat(filledInTheJournal(leg.clientOrderId())).isTrue();
    assertThat(exchange.orderCount()).as("adopted, not placed again").isEqualTo(1);
    assertThat(exchange.positions().get("BTC-PERP")).isEqualByComparingTo("0.1");
    assertThat(after.entry(ACCOUNT).gateway().kernel().orElseThrow().position(BTC))
        .isEqualByComparingTo("0.1");
  }

  @Test
  void platformEmergencyStop_refusesAControlOrder_beforeTheVenue() {
    RiskEngine platform = RiskEngine.unlimited();
    AccountRegistry registry = session(genericVenue(), platform);
    platform.emergencyStop("test", "alice");
    Order leg = hedgeLeg("op-stop");
    LegResult r = execute(registry, leg, 1_000);
    assertThat(r.status()).isEqualTo(LegResult.Status.REJECTED);
    assertThat(r.reason()).contains("emergency");
    assertThat(exchange.orderCount()).isZero();
    assertThat(journaled(leg.clientOrderId()))
        .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(OrderStatus.REJECTED));
  }
}
