package io.perpetua.market.csv;

import io.perpetua.core.InstrumentId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the name of a funding-history file tells: {@code BTC-USDT_binance_2020-01-01_2024-01-01
 * _funding_history.csv} is BTC/USDT:USDT on venue {@code binance}.
 *
 * <p>Immutable.
 *
 * @param instrument the perpetual named by the symbol prefix
 * @param venue the lower-case venue code
 */
public record FundingFileName(InstrumentId instrument, String venue) {
  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9]+-[A-Za-z0-9]+)_([A-Za-z0-9]+)_.*\\.csv(\\.gz)?");

  /** Parses a file name (without directories), or empty when it does not follow the pattern. */
  public static Optional<FundingFileName> parse(String fileName) {
    var m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new FundingFileName(symbol(m.group(1)), m.group(2).toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The instrument of a funding-file symbol: {@code BTC-USDT} (base-quote, settled in the quote),
   * an API symbol {@code BTC/USDT:USDT} or a venue symbol {@code BTCUSDT}.
   *
   * @throws IllegalArgumentException when it is none of these
   */
  public static InstrumentId symbol(String symbol) {
    String s = symbol.trim().toUpperCase(Locale.ROOT);
    if (s.indexOf('/') >= 0) {
      return InstrumentId.parse(s);
    }
    int dash = s.indexOf('-');
    if (dash > 0) {
      String quote = s.substring(dash + 1);
      return new InstrumentId(s.substring(0, dash), quote, quote);
    }
    return InstrumentId.fromVenueSymbol(s);
  }
}
