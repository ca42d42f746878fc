package io.perpetua.trading.kernel;

import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import io.perpetua.trading.port.TradingJournal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link MemoryJournal} that also reads back the working orders (as the JDBC journal does), so a
 * restarted kernel takes them back. Only {@link #openOrders()} of {@link TradingHistory} is real.
 */
public final class HistoryJournal implements TradingJournal, TradingHistory {
  final MemoryJournal memory = new MemoryJournal();
  final java.util.List<io.perpetua.trading.port.OrderDecision> decisions =
      new java.util.ArrayList<>();

  /** An empty journal. */
  public HistoryJournal() {}

  /** Checkpoints committed. */
  public int commits() {
    return memory.commits;
  }

  /** Every order record journaled, by client order id, in first-journaled order. */
  public Map<io.perpetua.core.ClientOrderId, OrderRecord> orders() {
    return memory.orders;
  }

  @Override
  public void commit(KernelCheckpoint checkpoint) {
    decisions.addAll(checkpoint.decisions());
    memory.commit(checkpoint);
  }

  @Override
  public Optional<AccountState> loadAccount(String accountId) {
    return memory.loadAccount(accountId);
  }

  @Override
  public Map<String, String> loadCursor(String accountId) {
    return memory.loadCursor(accountId);
  }

  @Override
  public List<OrderRecord> recentOrders(int limit) {
    return memory.recentOrders(limit);
  }

  @Override
  public List<OrderRecord> openOrders(String accountId) {
    return memory.openOrders(accountId);
  }

  @Override
  public List<Fill> recentFills(int limit) {
    return memory.recentFills(limit);
  }

  @Override
  public List<RebalanceCompleted> recentRebalances(int limit) {
    return memory.recentRebalances(limit);
  }

  @Override
  public long fillCount() {
    return memory.fillCount();
  }

  @Override
  public Page<OrderRecord> orders(Query query) {
    return new Page<>(List.of(), 0);
  }

  @Override
  public Page<Fill> fills(Query query) {
    return new Page<>(List.of(), 0);
  }

  @Override
  public Page<RebalanceCompleted> rebalances(Query query) {
    return new Page<>(List.of(), 0);
  }

  @Override
  public List<OrderRecord> openOrders() {
    List<OrderRecord> open = new ArrayList<>();
    for (OrderRecord r : memory.orders.values()) {
      if (!r.status().isTerminal()) {
        open.add(r);
      }
    }
    Collections.reverse(open); // newest first
    return open;
  }

  @Override
  public List<PortfolioSnapshot> snapshots(
      String accountId, PortfolioSnapshot.Interval interval, long fromMs, long toMs) {
    return List.of();
  }
}
