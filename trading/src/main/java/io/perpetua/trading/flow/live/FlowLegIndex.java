package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which flow trade and leg a kernel order belongs to: the bracket orders derive every leg's client
 * order id from (strategy, trade key, leg name), so the ids of every leg a trade may send are known
 * once its key is. Thread-safe.
 */
public final class FlowLegIndex {
  private static final List<String> LIMIT_LEGS = List.of("entry", "tp1", "tp2", "timeout-lmt");
  private static final List<String> MARKET_LEGS =
      List.of("entry-mkt", "tp1-mkt", "tp2-mkt", "timeout-mkt", "sl", "sl-be", "flatten");
  private static final int ATTEMPTS = 3;

  /** A leg of a trade. */
  public record Ref(StrategyId strategy, String key, FlowLiveLeg leg, int attempt, String name) {}

  private final Map<ClientOrderId, Ref> refs = new ConcurrentHashMap<>();
  private final Set<StrategyId> strategies = ConcurrentHashMap.newKeySet();

  /** Names the orders of {@code strategy} even when their trade is not indexed. */
  public void addStrategy(StrategyId strategy) {
    strategies.add(strategy);
  }

  /** Indexes every leg trade {@code key} of {@code strategy} may send. */
  public void add(StrategyId strategy, String key) {
    strategies.add(strategy);
    for (String leg : LIMIT_LEGS) {
      put(strategy, key, leg, 1);
    }
    for (String leg : MARKET_LEGS) {
      for (int a = 1; a <= ATTEMPTS; a++) {
        put(strategy, key, a == 1 ? leg : leg + "." + a, a);
      }
    }
  }

  private void put(StrategyId strategy, String key, String name, int attempt) {
    ClientOrderId id = ClientOrderIds.derive(strategy, key, name);
    refs.putIfAbsent(id, new Ref(strategy, key, leg(name), attempt, name));
  }

  /** The leg of {@code id}, or null when it is no indexed trade's order. */
  public Ref find(ClientOrderId id) {
    return refs.get(id);
  }

  /**
   * The leg of {@code order}: indexed, or — an order of a flow strategy whose trade key this
   * process never learnt (a trade that ended before a restart without a closed trade, e.g. an entry
   * that never filled) — named by its shape (not reduce-only: the entry; else an exit); null for
   * orders of other strategies.
   */
  public Ref find(Order order) {
    Ref r = refs.get(order.clientOrderId());
    if (r != null || !strategies.contains(order.strategy())) {
      return r;
    }
    FlowLiveLeg leg = order.reduceOnly() ? FlowLiveLeg.EXIT : FlowLiveLeg.ENTRY;
    return new Ref(order.strategy(), "", leg, 1, leg.code());
  }

  static FlowLiveLeg leg(String name) {
    if (name.startsWith("entry")) {
      return FlowLiveLeg.ENTRY;
    }
    if (name.startsWith("tp1")) {
      return FlowLiveLeg.TP1;
    }
    if (name.startsWith("tp2")) {
      return FlowLiveLeg.TP2;
    }
    return name.startsWith("timeout") ? FlowLiveLeg.TIMEOUT : FlowLiveLeg.EXIT;
  }
}
