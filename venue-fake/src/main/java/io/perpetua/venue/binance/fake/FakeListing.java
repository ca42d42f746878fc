package io.perpetua.venue.binance.fake;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A symbol the fake venue lists, with its filters and fees.
 *
 * <p>Immutable.
 *
 * @param symbol venue symbol, e.g. {@code BTCUSDT}
 * @param tickSize price increment
 * @param stepSize quantity increment
 * @param minNotional smallest order notional
 * @param initialPrice first traded price
 * @param makerFee maker fee rate (e.g. 0.0002)
 * @param takerFee taker fee rate (e.g. 0.0005)
 */
public record FakeListing(
    String symbol,
    BigDecimal tickSize,
    BigDecimal stepSize,
    BigDecimal minNotional,
    BigDecimal initialPrice,
    BigDecimal makerFee,
    BigDecimal takerFee) {

  /** Validates the values. */
  public FakeListing {
    Objects.requireNonNull(symbol, "symbol");
    if (tickSize.signum() <= 0 || stepSize.signum() <= 0 || initialPrice.signum() <= 0) {
      throw new IllegalArgumentException(symbol + ": tick, step and price must be positive");
    }
  }

  /** A listing with Binance's default fees (maker 0.02 %, taker 0.05 %). */
  public static FakeListing of(
      String symbol, String tickSize, String stepSize, String minNotional, String initialPrice) {
    return new FakeListing(
        symbol,
        new BigDecimal(tickSize),
        new BigDecimal(stepSize),
        new BigDecimal(minNotional),
        new BigDecimal(initialPrice),
        new BigDecimal("0.0002"),
        new BigDecimal("0.0005"));
  }

  /** Well-known defaults for a few symbols (BTC, ETH, SOL, XRP), else a generic listing. */
  public static FakeListing standard(String symbol, BigDecimal price) {
    return switch (symbol) {
      case "BTCUSDT" ->
          of(symbol, "0.10", "0.001", "100", price == null ? "50000" : price.toPlainString());
      case "ETHUSDT" ->
          of(symbol, "0.01", "0.001", "20", price == null ? "3000" : price.toPlainString());
      case "SOLUSDT" ->
          of(symbol, "0.010", "1", "5", price == null ? "150" : price.toPlainString());
      case "XRPUSDT" ->
          of(symbol, "0.0001", "0.1", "5", price == null ? "0.5" : price.toPlainString());
      default -> of(symbol, "0.0001", "1", "5", price == null ? "1" : price.toPlainString());
    };
  }
}
