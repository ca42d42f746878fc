package io.perpetua.store.contract;

import static io.perpetua.store.contract.JournalFixtures.BTC;
import static io.perpetua.store.contract.JournalFixtures.ETH;
import static io.perpetua.store.contract.JournalFixtures.PEPE;
import static io.perpetua.store.contract.JournalFixtures.T0;
import static io.perpetua.store.contract.JournalFixtures.account;
import static io.perpetua.store.contract.JournalFixtures.checkpoint;
import static io.perpetua.store.contract.JournalFixtures.fill;
import static io.perpetua.store.contract.JournalFixtures.funding;
import static io.perpetua.store.contract.JournalFixtures.limitOrder;
import static io.perpetua.store.contract.JournalFixtures.marketOrder;
import static io.perpetua.store.contract.JournalFixtures.position;
import static io.perpetua.store.contract.JournalFixtures.rebalance;
import static io.perpetua.store.contract.JournalFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.order.Position;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.DatabaseException;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link io.perpetua.trading.port.TradingJournal} contract for {@link JdbcTradingJournal} on
 * every supported database; a subclass supplies an empty database per test.
 */
public abstract class TradingJournalContract {
  private DatabaseConfig config;
  private Database database;
  protected JdbcTradingJournal journal;

  /** The configuration of an empty (not yet migrated) database for one test. */
  protected abstract DatabaseConfig freshDatabase() throws Exception;

  @BeforeEach
  void openJournal() throws Exception {
    config = freshDatabase();
    database = Database.open(config);
    journal = new JdbcTradingJournal(database);
  }

  @AfterEach
  void closeJournal() {
    database.close();
  }

  /** Closes the database and opens it again, as a process restart does. */
  private void restart() {
    database.close();
    database = Database.open(config);
    journal = new JdbcTradingJournal(database);
  }

  private long count(String table) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static KernelCheckpoint fullCheckpoint() {
    Order market = marketOrder("o-1", BTC, T0);
    Order limit = limitOrder("o-2", ETH, T0 + 1);
    return checkpoint(
        account(
            "paper",
            "10000.12345678",
            T0 + 10,
            position(BTC, "0.005", 3, "312.2505"),
            position(ETH, "-12.5", 1, "-37654.25")),
        Map.of("replay_time", Long.toString(T0 + 10), "last_rebalance", "rb-1"),
        List.of(
            record(market, OrderStatus.FILLED, T0 + 5), record(limit, OrderStatus.OPEN, T0 + 6)),
        List.of(fill("t-1", market, T0 + 5)),
        List.of(funding(BTC, T0 + 8, "-0.0312")),
        List.of(rebalance("rb-1", T0 + 9, 11)));
  }

  private record Snapshot(
      Optional<AccountState> account,
      Map<String, String> cursor,
      List<OrderRecord> orders,
      List<Fill> fills,
      List<RebalanceCompleted> rebalances,
      long fillCount,
      long fundingRows) {}

  private Snapshot snapshot() throws SQLException {
    return new Snapshot(
        journal.loadAccount("paper"),
        journal.loadCursor("paper"),
        journal.recentOrders(100),
        journal.recentFills(100),
        journal.recentRebalances(100),
        journal.fillCount(),
        count("funding_events"));
  }

  @Test
  void emptyJournal_hasNothing() {
    assertThat(journal.loadAccount("paper")).isEmpty();
    assertThat(journal.loadCursor("paper")).isEmpty();
    assertThat(journal.recentOrders(10)).isEmpty();
    assertThat(journal.recentFills(10)).isEmpty();
    assertThat(journal.recentRebalances(10)).isEmpty();
    assertThat(journal.fillCount()).isZero();
  }

  @Test
  void commit_thenLoad_roundTripsEveryPart() throws SQLException {
    KernelCheckpoint cp = fullCheckpoint();
    journal.commit(cp);

    AccountState loaded = journal.loadAccount("paper").orElseThrow();
    assertThat(loaded).isEqualTo(cp.account());
    assertThat(journal.loadCursor("paper")).isEqualTo(cp.cursor());
    assertThat(journal.recentOrders(10)).containsExactly(cp.orders().get(1), cp.orders().get(0));
    assertThat(journal.recentFills(10)).containsExactlyElementsOf(cp.fills());
    assertThat(journal.recentRebalances(10)).containsExactlyElementsOf(cp.rebalances());
    assertThat(journal.fillCount()).isEqualTo(1);
    assertThat(count("funding_events")).isEqualTo(1);
    assertThat(journal.loadAccount("other")).isEmpty();
  }

  @Test
  void fixedPointValues_roundTripExactly() {
    Position huge =
        new Position(
            PEPE,
            new Quantity(Long.MAX_VALUE, 12),
            new Money(Long.MAX_VALUE),
            new Money(Long.MIN_VALUE));
    Position tiny = new Position(BTC, new Quantity(-1, 8), new Money(-1), new Money(1));
    AccountState acct =
        new AccountState(
            "edge",
            new Money(Long.MIN_VALUE + 1),
            List.of(huge, tiny),
            new Money(1),
            new Money(-99_999_999_999L),
            Long.MAX_VALUE);
    Order order =
        new Order(
            ClientOrderId.of("edge-1"),
            PEPE,
            OrderSide.SELL,
            OrderType.LIMIT,
            new Quantity(Long.MAX_VALUE, 0),
            new Price(1, 12),
            true,
            StrategyId.of("s"),
            null,
            0);
    Fill fill =
        new Fill(
            TradeId.of("edge-t"),
            order.clientOrderId(),
            PEPE,
            OrderSide.SELL,
            new Quantity(3, 12),
            new Price(Long.MAX_VALUE, 0),
            new Money(-7),
            Liquidity.MAKER,
            1);
    OrderRecord rec =
        new OrderRecord(
            order,
            OrderStatus.PARTIALLY_FILLED,
            new Quantity(Long.MAX_VALUE - 1, 0),
            new Price(Long.MAX_VALUE, OrderRecord.AVERAGE_PRICE_SCALE),
            new Money(-1),
            null,
            false,
            2);

    journal.commit(checkpoint(acct, Map.of(), List.of(rec), List.of(fill), List.of(), List.of()));

    assertThat(journal.loadAccount("edge")).contains(acct);
    assertThat(journal.recentOrders(1)).containsExactly(rec);
    assertThat(journal.recentFills(1)).containsExactly(fill);
  }

  @Test
  void commit_isIdempotent() throws SQLException {
    KernelCheckpoint cp = fullCheckpoint();
    journal.commit(cp);
    Snapshot once = snapshot();

    journal.commit(cp);

    assertThat(snapshot()).isEqualTo(once);
    assertThat(once.fillCount()).isEqualTo(1);
    assertThat(count("orders")).isEqualTo(2);
    assertThat(count("positions")).isEqualTo(2);
  }

  @Test
  void fills_withAKnownTradeId_areIgnored() {
    Order market = marketOrder("o-1", BTC, T0);
    Fill original = fill("t-1", market, T0 + 5);
    Fill replayed =
        new Fill(
            original.tradeId(),
            original.clientOrderId(),
            BTC,
            OrderSide.BUY,
            Quantity.parse("9", 3),
            Price.parse("1", 1),
            Money.ZERO,
            Liquidity.MAKER,
            T0 + 99);
    journal.commit(
        checkpoint(
            account("paper", "1", T0),
            Map.of(),
            List.of(),
            List.of(original),
            List.of(),
            List.of()));

    journal.commit(
        checkpoint(
            account("paper", "2", T0 + 1),
            Map.of(),
            List.of(),
            List.of(replayed, fill("t-2", market, T0 + 6)),
            List.of(),
            List.of()));

    assertThat(journal.fillCount()).isEqualTo(2);
    assertThat(journal.recentFills(10)).contains(original).doesNotContain(replayed);
  }

  @Test
  void orders_areUpsertedByClientOrderId() {
    Order limit = limitOrder("o-2", ETH, T0);
    journal.commit(
        checkpoint(
            account("paper", "1", T0),
            Map.of(),
            List.of(record(limit, OrderStatus.PENDING, T0)),
            List.of(),
            List.of(),
            List.of()));
    OrderRecord filled = record(limit, OrderStatus.FILLED, T0 + 50);

    journal.commit(
        checkpoint(
            account("paper", "1", T0 + 50),
            Map.of(),
            List.of(filled),
            List.of(),
            List.of(),
            List.of()));

    assertThat(journal.recentOrders(10)).containsExactly(filled);
  }

  @Test
  void rejectedOrder_keepsItsReason() {
    OrderRecord rejected = record(marketOrder("o-9", BTC, T0), OrderStatus.REJECTED, T0);
    journal.commit(
        checkpoint(
            account("paper", "1", T0),
            Map.of(),
            List.of(rejected),
            List.of(),
            List.of(),
            List.of()));

    assertThat(journal.recentOrders(1).get(0).rejectReason()).isEqualTo("min_notional: 4.2 < 5");
  }

  @Test
  void positions_areReplaced_andCursorIsUpserted() {
    journal.commit(fullCheckpoint());
    AccountState flat = account("paper", "9999", T0 + 100, position(ETH, "-1.0", 1, "-3000"));

    journal.commit(
        checkpoint(flat, Map.of("replay_time", "123"), List.of(), List.of(), List.of(), List.of()));

    assertThat(journal.loadAccount("paper")).contains(flat);
    assertThat(journal.loadCursor("paper"))
        .isEqualTo(Map.of("replay_time", "123", "last_rebalance", "rb-1"));
  }

  @Test
  void accounts_areIndependent() {
    AccountState paper = account("paper", "1", T0, position(BTC, "1", 0, "60000"));
    AccountState live = account("live", "2", T0, position(ETH, "2", 0, "6000"));
    journal.commit(
        checkpoint(paper, Map.of("k", "paper"), List.of(), List.of(), List.of(), List.of()));
    journal.commit(
        checkpoint(live, Map.of("k", "live"), List.of(), List.of(), List.of(), List.of()));

    assertThat(journal.loadAccount("paper")).contains(paper);
    assertThat(journal.loadAccount("live")).contains(live);
    assertThat(journal.loadCursor("paper")).containsEntry("k", "paper");
  }

  @Test
  void rebalances_areUpsertedById_andListedNewestFirst() {
    journal.commit(
        checkpoint(
            account("paper", "1", T0),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(rebalance("rb-1", T0, 5), rebalance("rb-2", T0 + 10, 6))));

    journal.commit(
        checkpoint(
            account("paper", "1", T0),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(rebalance("rb-1", T0, 12))));

    assertThat(journal.recentRebalances(10))
        .extracting(r -> r.rebalanceId().value() + ":" + r.ordersFilled())
        .containsExactly("rb-2:6", "rb-1:12");
    assertThat(journal.recentRebalances(1))
        .extracting(r -> r.rebalanceId())
        .containsExactly(RebalanceId.of("rb-2"));
  }

  @Test
  void recentOrdersAndFills_areNewestFirst_andLimited() {
    List<OrderRecord> orders = new ArrayList<>();
    List<Fill> fills = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Order o = marketOrder("o-" + i, BTC, T0 + i * 1000L);
      orders.add(record(o, OrderStatus.FILLED, T0 + i * 1000L + 1));
      fills.add(fill("t-" + i, o, T0 + i * 1000L + 1));
    }
    journal.commit(
        checkpoint(account("paper", "1", T0), Map.of(), orders, fills, List.of(), List.of()));

    assertThat(journal.recentOrders(3))
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("o-11", "o-10", "o-9");
    assertThat(journal.recentFills(2))
        .extracting(f -> f.tradeId().value())
        .containsExactly("t-11", "t-10");
    assertThat(journal.fillCount()).isEqualTo(12);
    assertThatThrownBy(() -> journal.recentOrders(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commitFailingMidway_onAnInvalidRow_leavesNothingBehind() throws SQLException {
    journal.commit(fullCheckpoint());
    Snapshot before = snapshot();
    Order next = marketOrder("o-3", BTC, T0 + 100);
    OrderRecord broken = OrderRecord.unfilled(next, null, null, true, T0 + 100);
    KernelCheckpoint bad =
        checkpoint(
            account("paper", "1", T0 + 100),
            Map.of("replay_time", "999"),
            List.of(record(next, OrderStatus.OPEN, T0 + 100), broken),
            List.of(fill("t-new", next, T0 + 100)),
            List.of(funding(ETH, T0 + 100, "1")),
            List.of(rebalance("rb-new", T0 + 100, 1)));

    assertThatThrownBy(() -> journal.commit(bad)).isInstanceOf(NullPointerException.class);

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void commitFailingMidway_inTheDatabase_rollsBack() throws SQLException {
    journal.commit(fullCheckpoint());
    Snapshot before = snapshot();
    KernelCheckpoint tooLong =
        checkpoint(
            account("paper", "1", T0 + 100, position(PEPE, "5", 0, "1")),
            Map.of("replay_time", "x".repeat(2_000)),
            List.of(),
            List.of(fill("t-new", marketOrder("o-1", BTC, T0), T0 + 100)),
            List.of(),
            List.of());

    assertThatThrownBy(() -> journal.commit(tooLong))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("journal commit");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void state_survivesRestart() throws SQLException {
    journal.commit(fullCheckpoint());
    Snapshot before = snapshot();

    restart();

    assertThat(snapshot()).isEqualTo(before);
    assertThat(before.account()).isPresent();
  }

  @Test
  void concurrentCommits_forDifferentAccounts_allLand() throws Exception {
    int threads = 4;
    int commitsPerThread = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String acct = "acct-" + t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < commitsPerThread; i++) {
                    Order o = marketOrder(acct + "-o" + i, BTC, T0 + i);
                    journal.commit(
                        checkpoint(
                            account(acct, Integer.toString(i), T0 + i),
                            Map.of("i", "" + i),
                            List.of(record(o, OrderStatus.FILLED, T0 + i)),
                            List.of(fill(acct + "-t" + i, o, T0 + i)),
                            List.of(),
                            List.of()));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(journal.fillCount()).isEqualTo((long) threads * commitsPerThread);
    for (int t = 0; t < threads; t++) {
      assertThat(journal.loadCursor("acct-" + t)).containsEntry("i", "" + (commitsPerThread - 1));
    }
  }
}
