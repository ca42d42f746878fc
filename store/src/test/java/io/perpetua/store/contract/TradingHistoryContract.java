package io.perpetua.store.contract;

import static io.perpetua.store.contract.JournalFixtures.BTC;
import static io.perpetua.store.contract.JournalFixtures.ETH;
import static io.perpetua.store.contract.JournalFixtures.T0;
import static io.perpetua.store.contract.JournalFixtures.account;
import static io.perpetua.store.contract.JournalFixtures.fill;
import static io.perpetua.store.contract.JournalFixtures.limitOrder;
import static io.perpetua.store.contract.JournalFixtures.marketOrder;
import static io.perpetua.store.contract.JournalFixtures.rebalance;
import static io.perpetua.store.contract.JournalFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit-trail reads of the journal: filters, pagination, open orders, snapshots. */
public abstract class TradingHistoryContract {
  private Database database;
  private JdbcTradingJournal journal;

  /** A fresh, empty database. */
  protected abstract DatabaseConfig freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(freshDatabase());
    journal = new JdbcTradingJournal(database);
    List<OrderRecord> orders = new ArrayList<>();
    List<Fill> fills = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Order o = marketOrder("o" + i, i % 2 == 0 ? BTC : ETH, T0 + i * 1000L);
      orders.add(record(o, i < 5 ? OrderStatus.FILLED : OrderStatus.OPEN, T0 + i * 1000L + 10));
      if (i < 5) {
        fills.add(fill("t" + i, o, T0 + i * 1000L + 10));
      }
    }
    Order sell = limitOrder("s1", BTC, T0 + 9000);
    orders.add(record(sell, OrderStatus.PENDING, T0 + 9000));
    List<RebalanceCompleted> rebalances =
        List.of(rebalance("rb-a", T0, 10), rebalance("rb-b", T0 + 86_400_000L, 12));
    List<PortfolioSnapshot> snapshots = new ArrayList<>();
    for (int h = 0; h < 3; h++) {
      snapshots.add(
          new PortfolioSnapshot(
              PortfolioSnapshot.Interval.HOURLY, h * 3_600_000L, 100 + h, 100, 50, 40, 2));
    }
    snapshots.add(new PortfolioSnapshot(PortfolioSnapshot.Interval.DAILY, 0, 100, 100, 50, 40, 2));
    journal.commit(
        new KernelCheckpoint(
            account("acct", "1000", T0),
            Map.of(),
            orders,
            fills,
            List.of(),
            rebalances,
            snapshots));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static TradingHistory.Query all(int page, int size) {
    return new TradingHistory.Query(null, null, 0, Long.MAX_VALUE, page, size);
  }

  @Test
  void orders_newestFirst_paginated_withTotals() {
    TradingHistory.Page<OrderRecord> p1 = journal.orders(all(1, 3));
    assertThat(p1.totalItems()).isEqualTo(8);
    assertThat(p1.items())
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("s1", "o6", "o5");
    assertThat(journal.orders(all(3, 3)).items()).hasSize(2);
    assertThat(journal.orders(all(4, 3)).items()).isEmpty();
  }

  @Test
  void orders_filterBySymbolSideAndTime() {
    var btc = new TradingHistory.Query(BTC, null, 0, Long.MAX_VALUE, 1, 50);
    assertThat(journal.orders(btc).totalItems()).isEqualTo(5); // o0 o2 o4 o6 s1
    var btcSells = new TradingHistory.Query(BTC, OrderSide.SELL, 0, Long.MAX_VALUE, 1, 50);
    assertThat(journal.orders(btcSells).items())
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("s1");
    var window = new TradingHistory.Query(null, null, T0 + 2000, T0 + 4000, 1, 50);
    assertThat(journal.orders(window).items())
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("o4", "o3", "o2");
  }

  @Test
  void fills_filterAndPaginate() {
    assertThat(journal.fills(all(1, 2)).totalItems()).isEqualTo(5);
    assertThat(journal.fills(all(1, 2)).items())
        .extracting(f -> f.tradeId().value())
        .containsExactly("t4", "t3");
    var eth = new TradingHistory.Query(ETH, null, 0, Long.MAX_VALUE, 1, 50);
    assertThat(journal.fills(eth).items())
        .extracting(f -> f.tradeId().value())
        .containsExactly("t3", "t1");
  }

  @Test
  void rebalances_byTime() {
    assertThat(journal.rebalances(all(1, 10)).items())
        .extracting(r -> r.rebalanceId().value())
        .containsExactly("rb-b", "rb-a");
    var firstDay = new TradingHistory.Query(null, null, 0, T0 + 1, 1, 10);
    assertThat(journal.rebalances(firstDay).totalItems()).isEqualTo(1);
  }

  @Test
  void openOrders_areTheNonTerminalOnes() {
    assertThat(journal.openOrders())
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("s1", "o6", "o5");
  }

  @Test
  void openOrdersOfAnAccount_areOnlyThatAccountsNonTerminalOnes() {
    Order other = limitOrder("x1", ETH, T0 + 9500);
    journal.commit(
        new KernelCheckpoint(
            account("other", "500", T0 + 9500),
            Map.of(),
            List.of(record(other, OrderStatus.OPEN, T0 + 9500)),
            List.of(),
            List.of(),
            List.of()));

    assertThat(journal.openOrders("acct"))
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("s1", "o6", "o5");
    assertThat(journal.openOrders("other"))
        .extracting(r -> r.order().clientOrderId().value())
        .containsExactly("x1");
    assertThat(journal.openOrders("nobody")).isEmpty();
    assertThat(journal.openOrders()).hasSize(4); // the API's view: every account
  }

  @Test
  void snapshots_byIntervalAndRange_oldestFirst_andIdempotent() {
    assertThat(
            journal.snapshots(
                "acct", PortfolioSnapshot.Interval.HOURLY, 3_600_000L, Long.MAX_VALUE))
        .extracting(PortfolioSnapshot::nav)
        .containsExactly(101.0, 102.0);
    assertThat(journal.snapshots("acct", PortfolioSnapshot.Interval.DAILY, 0, Long.MAX_VALUE))
        .hasSize(1);
    assertThat(journal.snapshots("other", PortfolioSnapshot.Interval.DAILY, 0, Long.MAX_VALUE))
        .isEmpty();
  }
}
