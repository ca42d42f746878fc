package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * Parameters of one symbol's synthetic order flow for {@link SyntheticTickGenerator}.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param startPrice the first price (positive)
 * @param tickSize the price increment (positive)
 * @param tradesPerSecond mean aggTrade rate in calm periods (positive)
 * @param secondVolatility standard deviation of the one-second log return (positive)
 * @param medianQuantity median trade quantity in base units (positive)
 * @param whaleProbability probability that a trade is a whale order (0–1)
 * @param openInterest the mean open interest in base units (positive)
 */
public record SyntheticFlowSymbol(
    InstrumentId instrument,
    double startPrice,
    double tickSize,
    double tradesPerSecond,
    double secondVolatility,
    double medianQuantity,
    double whaleProbability,
    double openInterest) {

  /** Validates the fields. */
  public SyntheticFlowSymbol {
    Ticks.requireInstrument(instrument);
    Ticks.requirePositive("startPrice", startPrice);
    Ticks.requirePositive("tickSize", tickSize);
    Ticks.requirePositive("tradesPerSecond", tradesPerSecond);
    Ticks.requirePositive("secondVolatility", secondVolatility);
    Ticks.requirePositive("medianQuantity", medianQuantity);
    Ticks.requirePositive("openInterest", openInterest);
    if (!(whaleProbability >= 0 && whaleProbability <= 1)) {
      throw new IllegalArgumentException("whaleProbability must be in [0, 1]");
    }
  }

  /**
   * Realistic defaults for BTCUSDT, ETHUSDT, SOLUSDT and XRPUSDT; any other venue symbol gets flow
   * scaled from {@code price} (about $2k median trade, 3 trades/s).
   */
  public static SyntheticFlowSymbol preset(String venueSymbol, double price) {
    InstrumentId id = InstrumentId.fromVenueSymbol(venueSymbol);
    return switch (id.venueSymbol()) {
      case "BTCUSDT" -> new SyntheticFlowSymbol(id, price, 0.1, 12, 0.00025, 0.02, 0.004, 80_000);
      case "ETHUSDT" -> new SyntheticFlowSymbol(id, price, 0.01, 8, 0.0003, 0.4, 0.004, 1_000_000);
      case "SOLUSDT" -> new SyntheticFlowSymbol(id, price, 0.001, 5, 0.0004, 8, 0.003, 9_000_000);
      case "XRPUSDT" -> new SyntheticFlowSymbol(id, price, 0.0001, 4, 0.00035, 1500, 0.003, 3e8);
      default -> {
        double tick = Math.pow(10, Math.floor(Math.log10(price)) - 4);
        yield new SyntheticFlowSymbol(id, price, tick, 3, 0.0004, 2000 / price, 0.003, 5e6 / price);
      }
    };
  }
}
