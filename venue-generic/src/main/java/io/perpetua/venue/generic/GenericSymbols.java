package io.perpetua.venue.generic;

import io.perpetua.core.InstrumentId;

/**
 * The generic venue's symbol naming: a USDT-settled linear perpetual on {@code BTC} is {@code
 * BTC-PERP} (where Binance says {@code BTCUSDT}). Stateless.
 */
public final class GenericSymbols {
  /** What every listed symbol ends with. */
  public static final String SUFFIX = "-PERP";

  private GenericSymbols() {}

  /** The venue symbol of {@code id}; the venue lists USDT-settled perpetuals only. */
  public static String of(InstrumentId id) {
    if (!"USDT".equals(id.quote()) || !"USDT".equals(id.settle())) {
      throw new IllegalArgumentException("the generic venue lists USDT perpetuals only: " + id);
    }
    return id.base() + SUFFIX;
  }

  /** The platform's instrument for a venue symbol such as {@code BTC-PERP}. */
  public static InstrumentId parse(String symbol) {
    if (symbol == null || !symbol.endsWith(SUFFIX) || symbol.length() == SUFFIX.length()) {
      throw new IllegalArgumentException("invalid generic venue symbol '" + symbol + "'");
    }
    return InstrumentId.usdtPerp(symbol.substring(0, symbol.length() - SUFFIX.length()));
  }
}
