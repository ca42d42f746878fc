package io.perpetua.market.csv;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the name of a kline file tells: {@code BTCUSDT-1h.csv.gz} (the shared data set) and Binance
 * bulk names {@code BTCUSDT-1h-2024-01.csv} (monthly) or {@code BTCUSDT-1h-2024-01-15.csv} (daily)
 * are BTC/USDT:USDT hourly bars.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument named by the venue symbol
 * @param timeframe the bar interval named by the interval code
 */
public record KlineFileName(InstrumentId instrument, Timeframe timeframe) {
  private static final Pattern NAME =
      Pattern.compile(
          "([A-Za-z0-9]+)-([0-9]+[a-zA-Z])(?:-[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)?\\.csv(?:\\.gz)?");

  /**
   * Parses a file name (without directories); empty when it does not follow the pattern or names an
   * unsupported interval.
   */
  public static Optional<KlineFileName> parse(String fileName) {
    var m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new KlineFileName(InstrumentId.fromVenueSymbol(m.group(1)), Timeframe.parse(m.group(2))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
