package io.perpetua.venue.generic;

import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.TradingJournal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A journal kept in memory for the generic venue's loop tests. */
final class MemoryJournal implements TradingJournal {
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final Map<String, Map<String, String>> cursors = new HashMap<>();
  final Map<String, OrderRecord> orders = new LinkedHashMap<>();
  final Map<String, Fill> fills = new LinkedHashMap<>();
  private final List<RebalanceCompleted> rebalances = new ArrayList<>();

  @Override
  public synchronized void commit(KernelCheckpoint c) {
    accounts.put(c.account().accountId(), c.account());
    cursors.put(c.account().accountId(), Map.copyOf(c.cursor()));
    c.orders().forEach(o -> orders.put(o.order().clientOrderId().value(), o));
    c.fills().forEach(f -> fills.put(f.tradeId().value(), f));
    rebalances.addAll(c.rebalances());
  }

  @Override
  public synchronized Optional<AccountState> loadAccount(String accountId) {
    return Optional.ofNullable(accounts.get(accountId));
  }

  @Override
  public synchronized Map<String, String> loadCursor(String accountId) {
    return cursors.getOrDefault(accountId, Map.of());
  }

  @Override
  public synchronized List<OrderRecord> recentOrders(int limit) {
    return List.copyOf(orders.values());
  }

  @Override
  public synchronized List<Fill> recentFills(int limit) {
    return List.copyOf(fills.values());
  }

  @Override
  public synchronized List<RebalanceCompleted> recentRebalances(int limit) {
    return List.copyOf(rebalances);
  }

  @Override
  public synchronized long fillCount() {
    return fills.size();
  }
}
