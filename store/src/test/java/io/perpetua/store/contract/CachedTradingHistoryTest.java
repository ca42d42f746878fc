package io.perpetua.store.contract;

import static io.perpetua.store.contract.JournalFixtures.BTC;
import static io.perpetua.store.contract.JournalFixtures.T0;
import static io.perpetua.store.contract.JournalFixtures.account;
import static io.perpetua.store.contract.JournalFixtures.checkpoint;
import static io.perpetua.store.contract.JournalFixtures.marketOrder;
import static io.perpetua.store.contract.JournalFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.order.OrderStatus;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.TradingHistory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform journal's read cache: a polled history page costs one database read per commit, and
 * every commit is visible to the next read.
 */
class CachedTradingHistoryTest {
  private static final TradingHistory.Query FIRST_PAGE =
      new TradingHistory.Query(null, null, 0, Long.MAX_VALUE, 1, 50);

  @TempDir Path dir;
  private Database database;
  private final AtomicInteger connections = new AtomicInteger();
  private JdbcTradingJournal journal;

  @BeforeEach
  void open() {
    database = Database.open(DatabaseConfig.embedded(dir.resolve("db")));
    DataSource real = database.dataSource();
    DataSource counting =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    connections.incrementAndGet();
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    journal = new JdbcTradingJournal(counting, "test").withReadCache();
    commitOrders("o1", "o2");
  }

  @AfterEach
  void close() {
    database.close();
  }

  private void commitOrders(String... ids) {
    List<OrderRecord> orders =
        java.util.Arrays.stream(ids)
            .map(id -> record(marketOrder(id, BTC, T0), OrderStatus.OPEN, T0))
            .toList();
    journal.commit(
        checkpoint(account("acct", "1000", T0), Map.of(), orders, List.of(), List.of(), List.of()));
  }

  @Test
  void orders_repeatedPage_isReadOnceUntilTheNextCommit() {
    connections.set(0);
    for (int i = 0; i < 10; i++) {
      assertThat(journal.orders(FIRST_PAGE).totalItems()).isEqualTo(2);
      assertThat(journal.openOrders()).hasSize(2);
    }
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void orders_afterCommit_includeTheNewOrderAtOnce() {
    assertThat(journal.orders(FIRST_PAGE).totalItems()).isEqualTo(2);
    assertThat(journal.openOrders()).hasSize(2);
    commitOrders("o3");
    assertThat(journal.orders(FIRST_PAGE).items())
        .extracting(r -> r.order().clientOrderId().value())
        .contains("o3");
    assertThat(journal.orders(FIRST_PAGE).totalItems()).isEqualTo(3);
    assertThat(journal.openOrders()).hasSize(3);
  }

  @Test
  void orders_otherFilters_areReadSeparately() {
    var btcOnly = new TradingHistory.Query(BTC, null, 0, Long.MAX_VALUE, 1, 50);
    var secondPage = new TradingHistory.Query(null, null, 0, Long.MAX_VALUE, 2, 1);
    assertThat(journal.orders(FIRST_PAGE).items()).hasSize(2);
    assertThat(journal.orders(btcOnly).items()).hasSize(2);
    assertThat(journal.orders(secondPage).items()).hasSize(1);
  }
}
