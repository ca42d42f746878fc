package io.perpetua.market.csv;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The column layout of a kline CSV: where the open time, prices and volumes are, and whether a
 * quote volume is present. Immutable.
 *
 * @param name a short description for messages
 * @param fields the number of fields of every line
 * @param quoteVolumeField the index of the quote volume, or −1 to estimate it as close × volume
 */
record KlineLayout(String name, int fields, int quoteVolumeField) {
  /** {@code timestamp,open,high,low,close,volume,datetime} (the shared data set). */
  static final KlineLayout SIMPLE = new KlineLayout("7-column", 7, -1);

  /** Binance's bulk download: 12 columns, quote volume in the 8th. */
  static final KlineLayout BULK = new KlineLayout("12-column Binance", 12, 7);

  private static final List<String> SIMPLE_HEADER =
      List.of("timestamp", "open", "high", "low", "close", "volume", "datetime");
  private static final List<String> BULK_HEADER =
      List.of(
          "open_time",
          "open",
          "high",
          "low",
          "close",
          "volume",
          "close_time",
          "quote_volume",
          "count",
          "taker_buy_volume",
          "taker_buy_quote_volume",
          "ignore");

  /** The layout of a header line, or null when it is not a known header. */
  static KlineLayout ofHeader(String[] names) {
    List<String> n = Arrays.stream(names).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    if (n.equals(SIMPLE_HEADER)) {
      return SIMPLE;
    }
    if (n.equals(BULK_HEADER)) {
      return BULK;
    }
    return null;
  }

  /** The layout of a header-less data line with {@code fieldCount} fields, or null. */
  static KlineLayout ofFieldCount(int fieldCount) {
    return switch (fieldCount) {
      case 7 -> SIMPLE;
      case 12 -> BULK;
      default -> null;
    };
  }
}
