package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the adapter needs from {@code GET /fapi/v1/exchangeInfo}: the rate limits and the filters of
 * every symbol. Symbols whose filters cannot be read (e.g. without a LOT_SIZE) are left out.
 *
 * <p>Immutable.
 *
 * @param serverTimeMs server time of the answer
 * @param requestWeightPerMinute the {@code REQUEST_WEIGHT} limit per minute
 * @param ordersPerMinute the {@code ORDERS} limit per minute (0 when absent)
 * @param symbols filters by venue symbol
 */
public record ExchangeInfo(
    long serverTimeMs,
    int requestWeightPerMinute,
    int ordersPerMinute,
    Map<String, SymbolFilters> symbols) {

  /** Copies the map. */
  public ExchangeInfo {
    symbols = Map.copyOf(symbols);
  }

  /** Parses the answer. */
  public static ExchangeInfo fromJson(JsonNode root) {
    int weight = 2400;
    int orders = 0;
    for (JsonNode limit : root.path("rateLimits")) {
      long perMinute = perMinute(limit);
      switch (limit.path("rateLimitType").asText()) {
        case "REQUEST_WEIGHT" -> weight = (int) perMinute;
        case "ORDERS" -> orders = perMinute > 0 && orders == 0 ? (int) perMinute : orders;
        default -> {
          // RAW_REQUESTS is not used by USDT-M futures.
        }
      }
    }
    Map<String, SymbolFilters> filters = new LinkedHashMap<>();
    for (JsonNode s : root.path("symbols")) {
      try {
        SymbolFilters f = SymbolFilters.fromJson(s);
        filters.put(f.symbol(), f);
      } catch (IllegalArgumentException skipped) {
        // a symbol without usable filters cannot be traded here
      }
    }
    return new ExchangeInfo(Json.longOr(root, "serverTime", 0), weight, orders, filters);
  }

  private static long perMinute(JsonNode limit) {
    long n = limit.path("intervalNum").asLong(1);
    if (!"MINUTE".equals(limit.path("interval").asText()) || n != 1) {
      return 0;
    }
    return limit.path("limit").asLong();
  }

  /** The filters of {@code symbol}. */
  public Optional<SymbolFilters> filters(String symbol) {
    return Optional.ofNullable(symbols.get(symbol));
  }
}
