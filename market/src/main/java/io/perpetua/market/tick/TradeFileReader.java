package io.perpetua.market.tick;

import io.perpetua.core.FixedPoint;
import io.perpetua.core.InstrumentId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a file of single trades in the layout {@code
 * exchange,symbol,timestamp,local_timestamp,id,side,price,amount} (timestamps in microseconds,
 * {@code side} = taker side) and replays it as aggregated trades ({@link AggTradeAggregator}).
 *
 * <p>Stateless; malformed rows (columns, numbers, side) fail with the line number; hostile values
 * (a quantity or price not positive or not finite, a duplicate or out-of-order trade id, a time
 * going backwards) are rejected by a {@link TickValidator} (counted, logged) and skipped.
 */
public final class TradeFileReader {
  private static final String HEADER =
      "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

  private TradeFileReader() {}

  /**
   * Streams the file's aggregated trades, in file order, to {@code sink}.
   *
   * @return the number of single trades read
   */
  public static long forEachAggTrade(Path file, Consumer<AggTrade> sink) {
    return forEachAggTrade(file, sink, new TickValidator(file.getFileName().toString()));
  }

  /**
   * The same, with the trades checked by {@code validator} (rejected ones are skipped).
   *
   * @return the number of single trades read and accepted
   */
  public static long forEachAggTrade(Path file, Consumer<AggTrade> sink, TickValidator validator) {
    var aggregator = new AggTradeAggregator(sink);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null || !line.trim().equals(HEADER)) {
        throw new IllegalArgumentException(file + ": expected header '" + HEADER + "'");
      }
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        parseInto(aggregator, validator, line, file, lineNo);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
    aggregator.flush();
    return aggregator.trades();
  }

  /** All aggregated trades of the file, in order (hostile rows skipped). */
  public static List<AggTrade> readAggTrades(Path file) {
    return readAggTrades(file, new TickValidator(file.getFileName().toString()));
  }

  /** All aggregated trades of the file, in order, checked by {@code validator}. */
  public static List<AggTrade> readAggTrades(Path file, TickValidator validator) {
    List<AggTrade> out = new ArrayList<>();
    forEachAggTrade(file, out::add, validator);
    return out;
  }

  private static void parseInto(
      AggTradeAggregator aggregator, TickValidator validator, String line, Path file, int lineNo) {
    String[] f = line.split(",", -1);
    if (f.length != 8) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": expected 8 columns");
    }
    try {
      InstrumentId id = InstrumentId.fromVenueSymbol(f[1]);
      long micros = Long.parseLong(f[2].trim());
      long tradeId = Long.parseLong(f[4].trim());
      String side = f[5].trim();
      if (!side.equals("buy") && !side.equals("sell")) {
        throw new IllegalArgumentException("side must be buy or sell: '" + side + "'");
      }
      double price = Double.parseDouble(f[6].trim());
      double quantity = Double.parseDouble(f[7].trim());
      if (!validator.acceptTrade(id, tradeId, micros / 1000, price, quantity)) {
        return;
      }
      long qtyRaw = FixedPoint.rawOf(f[7].trim(), AggTradeAggregator.QUANTITY_SCALE);
      aggregator.add(id, tradeId, micros, price, qtyRaw, side.equals("buy"));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
    }
  }
}
