package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.venue.binance.order.SymbolFilters;
import java.math.BigDecimal;
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
        SymbolFilters f = symbolFilters(s);
        filters.put(f.symbol(), f);
      } catch (IllegalArgumentException skipped) {
        // a symbol without usable filters cannot be traded here
      }
    }
    return new ExchangeInfo(Json.longOr(root, "serverTime", 0), weight, orders, filters);
  }

  /** Parses one entry of {@code exchangeInfo.symbols}. */
  static SymbolFilters symbolFilters(JsonNode symbol) {
    BigDecimal tick = BigDecimal.ZERO;
    BigDecimal minPrice = BigDecimal.ZERO;
    BigDecimal maxPrice = BigDecimal.ZERO;
    BigDecimal step = null;
    BigDecimal minQty = BigDecimal.ZERO;
    BigDecimal maxQty = BigDecimal.ZERO;
    BigDecimal mStep = null;
    BigDecimal mMin = null;
    BigDecimal mMax = null;
    BigDecimal notional = BigDecimal.ZERO;
    BigDecimal up = BigDecimal.ZERO;
    BigDecimal down = BigDecimal.ZERO;
    for (JsonNode f : symbol.path("filters")) {
      switch (f.path("filterType").asText()) {
        case "PRICE_FILTER" -> {
          tick = Json.decimal(f, "tickSize");
          minPrice = Json.decimalOr(f, "minPrice", BigDecimal.ZERO);
          maxPrice = Json.decimalOr(f, "maxPrice", BigDecimal.ZERO);
        }
        case "LOT_SIZE" -> {
          step = Json.decimal(f, "stepSize");
          minQty = Json.decimalOr(f, "minQty", BigDecimal.ZERO);
          maxQty = Json.decimalOr(f, "maxQty", BigDecimal.ZERO);
        }
        case "MARKET_LOT_SIZE" -> {
          mStep = Json.decimal(f, "stepSize");
          mMin = Json.decimalOr(f, "minQty", BigDecimal.ZERO);
          mMax = Json.decimalOr(f, "maxQty", BigDecimal.ZERO);
        }
        case "MIN_NOTIONAL" -> notional = Json.decimal(f, "notional");
        case "PERCENT_PRICE" -> {
          up = Json.decimal(f, "multiplierUp");
          down = Json.decimal(f, "multiplierDown");
        }
        default -> {
          // MAX_NUM_ORDERS and friends are enforced by the venue.
        }
      }
    }
    String name = Json.text(symbol, "symbol");
    if (tick.signum() <= 0 || step == null || step.signum() <= 0) {
      throw new IllegalArgumentException(name + ": PRICE_FILTER and LOT_SIZE are required");
    }
    return new SymbolFilters(
        name,
        Json.textOr(symbol, "status", "TRADING"),
        tick,
        minPrice,
        maxPrice,
        step,
        minQty,
        maxQty,
        mStep == null ? step : mStep,
        mMin == null ? minQty : mMin,
        mMax == null ? maxQty : mMax,
        notional,
        up,
        down);
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
