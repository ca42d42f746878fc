package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client order ids an earlier process may already have placed. Binance keeps client order ids
 * unique among <em>open</em> orders only: after a restart, a re-derived decision whose order has
 * already filled or been cancelled would be accepted a second time. So the first time this process
 * places an order on a symbol it reads the symbol's recent orders ({@code allOrders}: up to 1,000
 * within 7 days), and an id found there is looked up instead of sent. Ids this process placed
 * itself are guarded by the venue's own order table. When {@code allOrders} cannot be read, every
 * id is looked up one by one before it is sent (slower, equally safe).
 *
 * <p>Not thread-safe: used on the venue thread only.
 */
final class PriorOrders {
  private static final Logger LOG = LoggerFactory.getLogger(PriorOrders.class);

  private final BinanceRestClient rest;
  private final Map<String, Set<String>> idsBySymbol = new HashMap<>();

  PriorOrders(BinanceRestClient rest) {
    this.rest = rest;
  }

  /** The venue's current state of {@code clientOrderId} when an earlier process placed it. */
  Optional<OrderState> find(String symbol, String clientOrderId) {
    Set<String> ids = idsBySymbol.get(symbol);
    if (ids == null) {
      ids = load(symbol);
    }
    if (ids != null && !ids.contains(clientOrderId)) {
      return Optional.empty();
    }
    return rest.findOrder(symbol, clientOrderId);
  }

  /** The ids of {@code symbol}'s recent orders, or null (lookup one by one) when unreadable. */
  private Set<String> load(String symbol) {
    try {
      Set<String> ids = new HashSet<>();
      Map<String, String> p = new LinkedHashMap<>();
      p.put("symbol", symbol);
      p.put("limit", "1000");
      // the most recent orders in any state, up to 1,000 within the last 7 days (weight 5)
      for (JsonNode n : rest.get("/fapi/v1/allOrders", p, true, 5)) {
        ids.add(OrderState.fromJson(n).clientOrderId());
      }
      idsBySymbol.put(symbol, ids);
      return ids;
    } catch (BinanceApiException e) {
      LOG.warn("allOrders {} unreadable ({}); looking each id up", symbol, e.getMessage());
      return null;
    }
  }
}
