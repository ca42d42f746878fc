package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.TradeId;
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

/** Test double: an in-memory journal with the same idempotency rules as the JDBC one. */
final class MemoryJournal implements TradingJournal {
  final Map<String, AccountState> accounts = new HashMap<>();
  final Map<String, Map<String, String>> cursors = new HashMap<>();
  final Map<ClientOrderId, OrderRecord> orders = new LinkedHashMap<>();
  final Map<TradeId, Fill> fills = new LinkedHashMap<>();
  final List<RebalanceCompleted> rebalances = new ArrayList<>();
  final Map<ClientOrderId, String> orderAccounts = new HashMap<>();
  int commits;

  @Override
  public synchronized void commit(KernelCheckpoint c) {
    commits++;
    accounts.put(c.account().accountId(), c.account());
    cursors.computeIfAbsent(c.account().accountId(), k -> new HashMap<>()).putAll(c.cursor());
    c.orders().forEach(o -> orders.put(o.order().clientOrderId(), o));
    c.orders()
        .forEach(
            o -> orderAccounts.putIfAbsent(o.order().clientOrderId(), c.account().accountId()));
    c.fills().forEach(f -> fills.putIfAbsent(f.tradeId(), f));
    rebalances.addAll(c.rebalances());
  }

  @Override
  public synchronized Optional<AccountState> loadAccount(String accountId) {
    return Optional.ofNullable(accounts.get(accountId));
  }

  @Override
  public synchronized Map<String, String> loadCursor(String accountId) {
    return Map.copyOf(cursors.getOrDefault(accountId, Map.of()));
  }

  @Override
  public synchronized List<OrderRecord> openOrders(String accountId) {
    List<OrderRecord> open = new ArrayList<>();
    for (OrderRecord o : orders.values()) {
      if (!o.status().isTerminal()
          && accountId.equals(orderAccounts.get(o.order().clientOrderId()))) {
        open.add(0, o);
      }
    }
    return open;
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
