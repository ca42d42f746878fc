package io.perpetua.core;

import java.util.regex.Pattern;

/**
 * Identifies a linear perpetual future: base asset, quote asset and settlement asset. Its API
 * symbol is {@code BASE/QUOTE:SETTLE} (e.g. {@code BTC/USDT:USDT}, the ccxt convention used by the
 * platform API) and its venue symbol is {@code BASEQUOTE} (e.g. {@code BTCUSDT}, Binance USDT-M).
 *
 * <p>Immutable; assets are upper-case alphanumerics.
 *
 * @param base the base asset, e.g. {@code BTC}
 * @param quote the quote asset, e.g. {@code USDT}
 * @param settle the settlement asset, e.g. {@code USDT}
 */
public record InstrumentId(String base, String quote, String settle)
    implements Comparable<InstrumentId> {
  private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{1,20}");
  private static final Pattern API =
      Pattern.compile("([A-Z0-9]{1,20})/([A-Z0-9]{1,20}):([A-Z0-9]{1,20})");
  private static final String[] KNOWN_QUOTES = {"USDT", "USDC", "BUSD"};

  /** Validates the assets. */
  public InstrumentId {
    for (String asset : new String[] {base, quote, settle}) {
      if (asset == null || !ASSET.matcher(asset).matches()) {
        throw new IllegalArgumentException("invalid asset code: '" + asset + "'");
      }
    }
  }

  /** A USDT-margined perpetual on {@code base}. */
  public static InstrumentId usdtPerp(String base) {
    return new InstrumentId(base, "USDT", "USDT");
  }

  /** Parses an API symbol such as {@code BTC/USDT:USDT}. */
  public static InstrumentId parse(String apiSymbol) {
    var m = API.matcher(apiSymbol == null ? "" : apiSymbol.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid symbol '" + apiSymbol + "': expected BASE/QUOTE:SETTLE, e.g. BTC/USDT:USDT");
    }
    return new InstrumentId(m.group(1), m.group(2), m.group(3));
  }

  /**
   * Parses a venue symbol such as {@code BTCUSDT} or {@code 1000PEPEUSDT}; the quote (and
   * settlement) asset is the known suffix USDT, USDC or BUSD.
   */
  public static InstrumentId fromVenueSymbol(String venueSymbol) {
    String s = venueSymbol == null ? "" : venueSymbol.trim().toUpperCase(java.util.Locale.ROOT);
    for (String quote : KNOWN_QUOTES) {
      if (s.endsWith(quote) && s.length() > quote.length()) {
        return new InstrumentId(s.substring(0, s.length() - quote.length()), quote, quote);
      }
    }
    throw new IllegalArgumentException(
        "invalid venue symbol '" + venueSymbol + "': expected BASE + USDT|USDC|BUSD, e.g. BTCUSDT");
  }

  /**
   * Parses either form a client may send: the API symbol ({@code BTC/USDT:USDT}, recognised by its
   * {@code /}) or the venue symbol ({@code BTCUSDT}).
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static InstrumentId parseAny(String symbol) {
    return symbol != null && symbol.indexOf('/') >= 0 ? parse(symbol) : fromVenueSymbol(symbol);
  }

  /** The API symbol, e.g. {@code BTC/USDT:USDT}. */
  public String apiSymbol() {
    return base + "/" + quote + ":" + settle;
  }

  /** The venue symbol, e.g. {@code BTCUSDT}. */
  public String venueSymbol() {
    return base + quote;
  }

  /** Orders by base, then quote, then settlement asset (allocation-free: used by sorted maps). */
  @Override
  public int compareTo(InstrumentId o) {
    int c = base.compareTo(o.base);
    if (c != 0) {
      return c;
    }
    c = quote.compareTo(o.quote);
    return c != 0 ? c : settle.compareTo(o.settle);
  }

  @Override
  public String toString() {
    return apiSymbol();
  }
}
