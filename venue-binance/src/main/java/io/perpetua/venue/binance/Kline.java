package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One row of {@code GET /fapi/v1/klines}: Binance sends an array {@code [openTime, "open", "high",
 * "low", "close", "volume", closeTime, "quoteVolume", trades, "takerBuyBase", "takerBuyQuote",
 * "ignore"]}; the first nine are kept.
 *
 * <p>Immutable.
 *
 * @param openTimeMs bar open time, epoch ms
 * @param open open price
 * @param high high price
 * @param low low price
 * @param close close price
 * @param volume base-asset volume
 * @param closeTimeMs bar close time (open + interval − 1), epoch ms
 * @param quoteVolume quote-asset volume (Σ price × quantity)
 * @param trades number of trades
 */
public record Kline(
    long openTimeMs,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    long closeTimeMs,
    BigDecimal quoteVolume,
    long trades) {

  /**
   * Parses one row.
   *
   * @throws IllegalArgumentException when the row is not an array of at least 9 elements, a value
   *     is malformed or negative, or the close time precedes the open time
   */
  public static Kline fromJson(JsonNode row) {
    if (row == null || !row.isArray() || row.size() < 9) {
      throw new IllegalArgumentException("kline row is not an array of at least 9: " + row);
    }
    long open = integer(row, 0);
    long close = integer(row, 6);
    if (close < open) {
      throw new IllegalArgumentException("kline closes before it opens: " + row);
    }
    return new Kline(
        open,
        decimal(row, 1),
        decimal(row, 2),
        decimal(row, 3),
        decimal(row, 4),
        decimal(row, 5),
        close,
        decimal(row, 7),
        integer(row, 8));
  }

  private static long integer(JsonNode row, int index) {
    JsonNode v = row.get(index);
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kline element " + index + " is not an integer: " + v, e);
    }
  }

  private static BigDecimal decimal(JsonNode row, int index) {
    JsonNode v = row.get(index);
    BigDecimal d;
    try {
      d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kline element " + index + " is not a decimal: " + v, e);
    }
    if (d.signum() < 0) {
      throw new IllegalArgumentException("kline element " + index + " is negative: " + v);
    }
    return d;
  }
}
