package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * The fake's derived history: funding rates every 8 h (00:00, 08:00, 16:00 UTC) and open interest
 * every 5 minutes, each a deterministic function of the symbol and the time, from the listing's
 * {@link #LISTED_MS} on, so that downloads can be paged, repeated and compared. Open-interest
 * history, as on Binance, only reaches back 30 days. Stateless.
 */
final class FakeHistory {
  /** When every fake listing went live (2019-09-08 00:00 UTC). */
  static final long LISTED_MS = 1_567_900_800_000L;

  static final long FUNDING_MS = 8 * 3_600_000L;
  private static final long OI_BACK_MS = 30 * 24 * 3_600_000L;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FakeHistory() {}

  /** The funding time after {@code now}. */
  static long nextFunding(long now) {
    return Math.floorDiv(now, FUNDING_MS) * FUNDING_MS + FUNDING_MS;
  }

  /** The funding rate settled at {@code fundingTime}: 0.01 % ± 0.02 %, 8 decimals. */
  static BigDecimal fundingRate(String symbol, long fundingTime) {
    double r = 0.0001 + 0.0002 * (random(symbol, fundingTime).nextDouble() * 2 - 1);
    return BigDecimal.valueOf(r).setScale(8, RoundingMode.HALF_EVEN);
  }

  /**
   * {@code GET /fapi/v1/fundingRate}: settlements in {@code [start, end]}, oldest first, at most
   * {@code limit}; without a start the most recent ones up to {@code end} (default now).
   */
  static ArrayNode fundingRates(String symbol, Long start, Long end, int limit, long now) {
    long last = Math.floorDiv(Math.min(end == null ? now : end, now), FUNDING_MS) * FUNDING_MS;
    long first;
    if (start != null) {
      first = Math.max(LISTED_MS, Math.floorDiv(start + FUNDING_MS - 1, FUNDING_MS) * FUNDING_MS);
    } else {
      first = Math.max(LISTED_MS, last - (limit - 1L) * FUNDING_MS);
    }
    ArrayNode out = JSON.arrayNode();
    for (long t = first; t <= last && out.size() < limit; t += FUNDING_MS) {
      ObjectNode o = out.addObject().put("symbol", symbol);
      o.put("fundingRate", fundingRate(symbol, t).toPlainString()).put("fundingTime", t);
    }
    return out;
  }

  /** Open interest (contracts) at {@code timeMs}: 10,000–20,000 lots of {@code stepSize}. */
  static BigDecimal openInterest(FakeListing l, long timeMs) {
    long bucket = Math.floorDiv(timeMs, 300_000L) * 300_000L;
    long lots = 10_000 + random(l.symbol(), bucket ^ 0x5DEECE66DL).nextInt(10_000);
    return l.stepSize().multiply(BigDecimal.valueOf(lots)).stripTrailingZeros();
  }

  /**
   * {@code GET /futures/data/openInterestHist}: one row per {@code periodMs} in {@code [start,
   * end]} within the last 30 days, oldest first, at most {@code limit}; without a start the most
   * recent ones.
   */
  static ArrayNode openInterestHistory(
      FakeListing l, BigDecimal price, long periodMs, Long start, Long end, int limit, long now) {
    long floor = Math.max(LISTED_MS, now - OI_BACK_MS);
    long last = Math.floorDiv(Math.min(end == null ? now : end, now), periodMs) * periodMs;
    long first =
        start != null
            ? Math.floorDiv(Math.max(start, floor) + periodMs - 1, periodMs) * periodMs
            : Math.max(
                Math.floorDiv(floor + periodMs - 1, periodMs) * periodMs,
                last - (limit - 1L) * periodMs);
    ArrayNode out = JSON.arrayNode();
    for (long t = first; t <= last && out.size() < limit; t += periodMs) {
      BigDecimal oi = openInterest(l, t);
      ObjectNode o = out.addObject().put("symbol", l.symbol());
      o.put("sumOpenInterest", oi.setScale(8, RoundingMode.HALF_EVEN).toPlainString());
      o.put(
          "sumOpenInterestValue",
          oi.multiply(price).setScale(8, RoundingMode.HALF_EVEN).toPlainString());
      o.put("timestamp", Long.toString(t));
    }
    return out;
  }

  /**
   * {@code GET /futures/data/globalLongShortAccountRatio} ({@code top} false: the accounts' long
   * share) or {@code topLongShortPositionRatio} (true: the top traders' long share of positions):
   * one row per {@code periodMs} as {@link #openInterestHistory} pages them, the long share a
   * deterministic 0.35–0.65 per symbol, kind and time.
   */
  static ArrayNode longShortRatios(
      FakeListing l, boolean top, long periodMs, Long start, Long end, int limit, long now) {
    ArrayNode times = openInterestHistory(l, BigDecimal.ONE, periodMs, start, end, limit, now);
    ArrayNode out = JSON.arrayNode();
    for (var row : times) {
      long t = Long.parseLong(row.path("timestamp").asText());
      double share = 0.35 + 0.30 * random(l.symbol() + (top ? "/top" : "/global"), t).nextDouble();
      BigDecimal longShare = BigDecimal.valueOf(share).setScale(4, RoundingMode.HALF_EVEN);
      BigDecimal shortShare = BigDecimal.ONE.subtract(longShare);
      ObjectNode o = out.addObject().put("symbol", l.symbol());
      o.put(
          "longShortRatio",
          longShare.divide(shortShare, 4, RoundingMode.HALF_EVEN).toPlainString());
      o.put("longAccount", longShare.toPlainString());
      o.put("shortAccount", shortShare.toPlainString());
      o.put("timestamp", Long.toString(t));
    }
    return out;
  }

  private static SplittableRandom random(String symbol, long time) {
    return new SplittableRandom(symbol.hashCode() * 1_000_003L + time);
  }
}
