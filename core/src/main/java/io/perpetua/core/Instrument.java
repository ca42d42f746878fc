package io.perpetua.core;

/**
 * A tradable perpetual future with its precision filters: prices are multiples of {@code tickSize},
 * quantities multiples of {@code stepSize}, and an order's notional must be at least {@code
 * minNotional}. The price scale is the tick size's scale; the quantity scale the step size's.
 *
 * <p>Immutable.
 *
 * @param id the instrument id
 * @param tickSize the price increment (positive)
 * @param stepSize the quantity increment (positive)
 * @param minNotional the smallest order notional accepted
 */
public record Instrument(InstrumentId id, Price tickSize, Quantity stepSize, Money minNotional) {

  /** Validates the filters. */
  public Instrument {
    if (id == null) {
      throw new IllegalArgumentException("instrument id is required");
    }
    if (tickSize.raw() <= 0 || stepSize.raw() <= 0) {
      throw new IllegalArgumentException(id + ": tick size and step size must be positive");
    }
    if (minNotional.signum() < 0) {
      throw new IllegalArgumentException(id + ": min notional must not be negative");
    }
  }

  /**
   * Filters derived from a reference price when the venue's {@code exchangeInfo} is not available
   * (bar data alone carries none): six significant digits of price (BTC 0.1, ETH 0.01), a step size
   * worth roughly 0.1–1 USDT, and Binance's usual 5 USDT minimum notional.
   */
  public static Instrument derivedFrom(InstrumentId id, double referencePrice) {
    if (!(referencePrice > 0) || !Double.isFinite(referencePrice)) {
      throw new IllegalArgumentException(id + ": reference price must be positive");
    }
    int magnitude = (int) Math.floor(Math.log10(referencePrice));
    int priceScale = clamp(5 - magnitude, 0, 8);
    int qtyScale = clamp(magnitude + 1, 0, 8);
    return new Instrument(id, new Price(1, priceScale), new Quantity(1, qtyScale), Money.of(5.0));
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** Decimals of prices. */
  public int priceScale() {
    return tickSize.scale();
  }

  /** Decimals of quantities. */
  public int quantityScale() {
    return stepSize.scale();
  }

  /** The nearest valid price to {@code value}. */
  public Price price(double value) {
    return Price.of(value, priceScale()).roundTo(tickSize);
  }

  /** The largest valid quantity not above {@code |value|}, with the sign of {@code value}. */
  public Quantity quantityToward0(double value) {
    var exact =
        java.math.BigDecimal.valueOf(value).setScale(quantityScale(), java.math.RoundingMode.DOWN);
    return Quantity.of(exact, quantityScale()).roundDownTo(stepSize);
  }
}
