package io.perpetua.venue.binance.order;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The {@code exchangeInfo} filters of one symbol, checked before an order leaves: {@code
 * PRICE_FILTER} (tick size, min/max price), {@code LOT_SIZE} and {@code MARKET_LOT_SIZE} (step
 * size, min/max quantity), {@code MIN_NOTIONAL} and {@code PERCENT_PRICE} (limit price within
 * multipliers of the mark price). A bound of zero means "no bound", as on Binance.
 *
 * <p>Immutable; parsed by {@code ExchangeInfo} (the package holds no I/O).
 *
 * @param symbol the venue symbol, e.g. {@code BTCUSDT}
 * @param status the trading status, e.g. {@code TRADING}
 * @param tickSize price increment
 * @param minPrice lowest price (0 = none)
 * @param maxPrice highest price (0 = none)
 * @param stepSize quantity increment of limit orders
 * @param minQty smallest limit quantity
 * @param maxQty largest limit quantity
 * @param marketStepSize quantity increment of market orders
 * @param marketMinQty smallest market quantity
 * @param marketMaxQty largest market quantity
 * @param minNotional smallest price × quantity
 * @param multiplierUp PERCENT_PRICE upper multiplier (0 = none)
 * @param multiplierDown PERCENT_PRICE lower multiplier (0 = none)
 */
public record SymbolFilters(
    String symbol,
    String status,
    BigDecimal tickSize,
    BigDecimal minPrice,
    BigDecimal maxPrice,
    BigDecimal stepSize,
    BigDecimal minQty,
    BigDecimal maxQty,
    BigDecimal marketStepSize,
    BigDecimal marketMinQty,
    BigDecimal marketMaxQty,
    BigDecimal minNotional,
    BigDecimal multiplierUp,
    BigDecimal multiplierDown) {

  /**
   * Checks an order before it is sent; empty when it passes, else the first violated rule.
   *
   * @param price the limit price, or null for a market order
   * @param referencePrice the mark price (PERCENT_PRICE, and the notional of market orders), or
   *     null when unknown (those checks are then left to the venue)
   */
  public Optional<String> violation(
      OrderSide side, BigDecimal quantity, BigDecimal price, BigDecimal referencePrice) {
    if (!"TRADING".equals(status)) {
      return Optional.of(symbol + " is not trading (status " + status + ")");
    }
    boolean market = price == null;
    BigDecimal step = market ? marketStepSize : stepSize;
    BigDecimal lo = market ? marketMinQty : minQty;
    BigDecimal hi = market ? marketMaxQty : maxQty;
    String filter = market ? "MARKET_LOT_SIZE" : "LOT_SIZE";
    if (quantity.signum() <= 0 || !multipleOf(quantity, step)) {
      return Optional.of(
          filter + ": quantity " + plain(quantity) + " is not a multiple of " + plain(step));
    }
    if (quantity.compareTo(lo) < 0 || (hi.signum() > 0 && quantity.compareTo(hi) > 0)) {
      return Optional.of(
          filter + ": quantity " + plain(quantity) + " outside " + plain(lo) + ".." + plain(hi));
    }
    if (!market) {
      if (!multipleOf(price, tickSize)) {
        return Optional.of(
            "PRICE_FILTER: price " + plain(price) + " is not a multiple of " + plain(tickSize));
      }
      if (price.compareTo(minPrice) < 0
          || (maxPrice.signum() > 0 && price.compareTo(maxPrice) > 0)) {
        return Optional.of(
            "PRICE_FILTER: price "
                + plain(price)
                + " outside "
                + plain(minPrice)
                + ".."
                + plain(maxPrice));
      }
      if (referencePrice != null && multiplierUp.signum() > 0) {
        BigDecimal ceiling = referencePrice.multiply(multiplierUp);
        BigDecimal floor = referencePrice.multiply(multiplierDown);
        if (price.compareTo(ceiling) > 0 || price.compareTo(floor) < 0) {
          return Optional.of(
              "PERCENT_PRICE: price "
                  + plain(price)
                  + " outside "
                  + plain(floor)
                  + ".."
                  + plain(ceiling)
                  + " of mark "
                  + plain(referencePrice));
        }
      }
    }
    BigDecimal notionalPrice = market ? referencePrice : price;
    if (notionalPrice != null && quantity.multiply(notionalPrice).compareTo(minNotional) < 0) {
      return Optional.of(
          "MIN_NOTIONAL: notional "
              + plain(quantity.multiply(notionalPrice))
              + " below "
              + plain(minNotional));
    }
    return Optional.empty();
  }

  /** The platform instrument with these filters. */
  public Instrument toInstrument() {
    int priceScale = Math.max(0, tickSize.stripTrailingZeros().scale());
    int qtyScale = Math.max(0, stepSize.stripTrailingZeros().scale());
    return new Instrument(
        InstrumentId.fromVenueSymbol(symbol),
        Price.of(tickSize, priceScale),
        Quantity.of(stepSize, qtyScale),
        Money.of(minNotional));
  }

  private static boolean multipleOf(BigDecimal value, BigDecimal increment) {
    return increment.signum() <= 0 || value.remainder(increment).signum() == 0;
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }
}
