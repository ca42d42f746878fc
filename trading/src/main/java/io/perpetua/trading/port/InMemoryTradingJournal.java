package io.perpetua.trading.port;

import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link TradingJournal} in memory, with the same idempotent semantics as the JDBC one (orders
 * upserted by client order id, fills by trade id). For tools and tests; a kernel "restarted" on the
 * same instance resumes like one on a database. Thread-safe.
 */
public final class InMemoryTradingJournal implements TradingJournal {
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final Map<String, Map<String, String>> cursors = new HashMap<>();
  private final Map<String, OrderRecord> orders = new LinkedHashMap<>();
  private final Map<String, String> orderAccounts = new HashMap<>();
  private final Map<String, Fill> fills = new LinkedHashMap<>();
  private final Map<String, RebalanceCompleted> rebalances = new LinkedHashMap<>();

  @Override
  public synchronized void commit(KernelCheckpoint c) {
    accounts.put(c.account().accountId(), c.account());
    Map<String, String> cursor =
        new HashMap<>(cursors.getOrDefault(c.account().accountId(), Map.of()));
    cursor.putAll(c.cursor());
    cursors.put(c.account().accountId(), Map.copyOf(cursor));
    for (OrderRecord o : c.orders()) {
      String id = o.order().clientOrderId().value();
      orders.put(id, o);
      orderAccounts.putIfAbsent(id, c.account().accountId());
    }
    c.fills().forEach(f -> fills.putIfAbsent(f.tradeId().value(), f));
    c.rebalances().forEach(r -> rebalances.put(r.rebalanceId().value(), r));
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
  public synchronized List<OrderRecord> openOrders(String accountId) {
    List<OrderRecord> open = new ArrayList<>();
    for (OrderRecord o : orders.values()) {
      String id = o.order().clientOrderId().value();
      if (!o.status().isTerminal() && accountId.equals(orderAccounts.get(id))) {
        open.add(o);
      }
    }
    return newestFirst(open, open.size());
  }

  @Override
  public synchronized List<OrderRecord> recentOrders(int limit) {
    return newestFirst(orders.values(), limit);
  }

  @Override
  public synchronized List<Fill> recentFills(int limit) {
    return newestFirst(fills.values(), limit);
  }

  @Override
  public synchronized List<RebalanceCompleted> recentRebalances(int limit) {
    return newestFirst(rebalances.values(), limit);
  }

  @Override
  public synchronized long fillCount() {
    return fills.size();
  }

  /** Every order by client order id, in first-journaled order. */
  public synchronized Map<String, OrderRecord> orders() {
    return Map.copyOf(orders);
  }

  /** Every fill by trade id. */
  public synchronized Map<String, Fill> fills() {
    return Map.copyOf(fills);
  }

  private static <T> List<T> newestFirst(java.util.Collection<T> values, int limit) {
    List<T> out = new ArrayList<>(values);
    java.util.Collections.reverse(out);
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }
}
