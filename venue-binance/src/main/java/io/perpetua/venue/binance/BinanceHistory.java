package io.perpetua.venue.binance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance USDT-M market history over REST, for downloads: klines ({@link
 * BinanceRestClient#klines}), funding-rate history ({@code /fapi/v1/fundingRate}, up to 1,000
 * settlements a request) and open-interest history ({@code /futures/data/openInterestHist}, up to
 * 500 rows a request, the last 30 days only). Every request goes through the client's
 * request-weight limiter. Thread-safe as the client is.
 */
public final class BinanceHistory {
  /** Most funding settlements one request returns. */
  public static final int MAX_FUNDING = 1000;

  /** Most open-interest rows one request returns. */
  public static final int MAX_OPEN_INTEREST = 500;

  private final BinanceRestClient rest;

  /** History over {@code rest}. */
  public BinanceHistory(BinanceRestClient rest) {
    this.rest = rest;
  }

  /** The client. */
  public BinanceRestClient rest() {
    return rest;
  }

  /** Up to {@code limit} funding settlements of {@code symbol} in {@code [startMs, endMs]}. */
  public List<BinanceMessages.FundingRate> fundingRates(
      String symbol, long startMs, long endMs, int limit) {
    Map<String, String> p = window(symbol, startMs, endMs, Math.min(limit, MAX_FUNDING));
    return BinanceMessages.fundingRates(rest.get("/fapi/v1/fundingRate", p, false, 1));
  }

  /**
   * Up to {@code limit} open-interest rows of {@code symbol} every {@code period} (5m … 1d) in
   * {@code [startMs, endMs]}.
   */
  public List<BinanceMessages.OpenInterest> openInterestHistory(
      String symbol, String period, long startMs, long endMs, int limit) {
    Map<String, String> p = window(symbol, startMs, endMs, Math.min(limit, MAX_OPEN_INTEREST));
    p.put("period", period);
    return BinanceMessages.openInterestHistory(
        rest.get("/futures/data/openInterestHist", p, false, 1));
  }

  private static Map<String, String> window(String symbol, long startMs, long endMs, int limit) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("startTime", Long.toString(startMs));
    p.put("endTime", Long.toString(endMs));
    p.put("limit", Integer.toString(limit));
    return p;
  }
}
