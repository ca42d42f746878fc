package io.perpetua.venue.binance.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every filter of {@link SymbolFilters#violation} at, just inside and just outside its bound, with
 * the exact message (which names the filter and the values the venue would refuse).
 */
class SymbolFiltersEdgesTest {
  // tick 0.1 in 1..1000, limit step 0.001 in 0.002..100, market step 0.01 in 0.01..50,
  // notional >= 5, limit price within 0.95..1.05 of the mark
  private static final SymbolFilters F = filters("TRADING", "1", "1000", "100", "50", "1.05");

  private static SymbolFilters filters(
      String status, String minPrice, String maxPrice, String maxQty, String mMax, String up) {
    return new SymbolFilters(
        "BTCUSDT",
        status,
        d("0.1"),
        d(minPrice),
        d(maxPrice),
        d("0.001"),
        d("0.002"),
        d(maxQty),
        d("0.01"),
        d("0.01"),
        d(mMax),
        d("5"),
        d(up),
        d("0.95"));
  }

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private static Optional<String> limit(String qty, String price, String mark) {
    return F.violation(OrderSide.BUY, d(qty), d(price), mark == null ? null : d(mark));
  }

  private static Optional<String> market(SymbolFilters f, String qty, String mark) {
    return f.violation(OrderSide.SELL, d(qty), null, mark == null ? null : d(mark));
  }

  @Test
  void aSymbolNotTrading_refusesEveryOrder() {
    SymbolFilters halted = filters("BREAK", "1", "1000", "100", "50", "1.05");
    assertThat(halted.violation(OrderSide.BUY, d("1"), d("100"), d("100")))
        .contains("BTCUSDT is not trading (status BREAK)");
    assertThat(limit("1", "100", "100")).isEmpty();
  }

  @Test
  void quantity_mustBePositiveAndOnTheStepOfItsOrderKind() {
    assertThat(limit("0", "100", null)).contains("LOT_SIZE: quantity 0 is not a multiple of 0.001");
    assertThat(limit("-0.010", "100", null))
        .contains("LOT_SIZE: quantity -0.01 is not a multiple of 0.001");
    assertThat(limit("0.0105", "1000", null))
        .contains("LOT_SIZE: quantity 0.0105 is not a multiple of 0.001");
    // the limit step allows 0.015, the market step (0.01) does not
    assertThat(limit("0.015", "1000", null)).isEmpty();
    assertThat(market(F, "0.015", null))
        .contains("MARKET_LOT_SIZE: quantity 0.015 is not a multiple of 0.01");
    assertThat(market(F, "0.02", null)).isEmpty();
  }

  @Test
  void limitQuantity_atItsBoundsPasses_outsideIsRefused() {
    assertThat(limit("0.002", "1000", null))
        .as("at the minimum the lot passes; the next filter speaks")
        .contains("MIN_NOTIONAL: notional 2 below 5");
    assertThat(limit("0.001", "1000", null))
        .contains("LOT_SIZE: quantity 0.001 outside 0.002..100");
    assertThat(limit("100", "100", null)).as("at the maximum").isEmpty();
    assertThat(limit("100.001", "100", null))
        .contains("LOT_SIZE: quantity 100.001 outside 0.002..100");
    SymbolFilters unbounded = filters("TRADING", "1", "1000", "0", "0", "1.05");
    assertThat(unbounded.violation(OrderSide.BUY, d("1000000"), d("100"), null))
        .as("a maximum of 0 is no bound")
        .isEmpty();
    assertThat(market(unbounded, "1000000", null)).isEmpty();
  }

  @Test
  void marketQuantity_usesTheMarketBounds() {
    assertThat(market(F, "50", "100")).isEmpty();
    assertThat(market(F, "50.01", "100"))
        .contains("MARKET_LOT_SIZE: quantity 50.01 outside 0.01..50");
    assertThat(market(F, "0.01", null)).as("market minimum 0.01 below the limit minimum").isEmpty();
  }

  @Test
  void price_onTheTickAndWithinItsBounds() {
    assertThat(limit("1", "100.05", null))
        .contains("PRICE_FILTER: price 100.05 is not a multiple of 0.1");
    assertThat(limit("5", "1", null)).as("at the minimum price").isEmpty();
    assertThat(limit("6", "0.9", null)).contains("PRICE_FILTER: price 0.9 outside 1..1000");
    assertThat(limit("1", "1000", null)).as("at the maximum price").isEmpty();
    assertThat(limit("1", "1000.1", null)).contains("PRICE_FILTER: price 1000.1 outside 1..1000");
    SymbolFilters noMax = filters("TRADING", "1", "0", "100", "50", "1.05");
    assertThat(noMax.violation(OrderSide.BUY, d("1"), d("99999.9"), null)).isEmpty();
  }

  @Test
  void percentPrice_atTheMultipliersPasses_beyondIsRefused() {
    assertThat(limit("1", "105", "100")).as("at the ceiling").isEmpty();
    assertThat(limit("1", "105.1", "100"))
        .contains("PERCENT_PRICE: price 105.1 outside 95..105 of mark 100");
    assertThat(limit("1", "95", "100")).as("at the floor").isEmpty();
    assertThat(limit("1", "94.9", "100"))
        .contains("PERCENT_PRICE: price 94.9 outside 95..105 of mark 100");
    assertThat(limit("1", "200", null)).as("no mark: left to the venue").isEmpty();
    SymbolFilters none = filters("TRADING", "1", "1000", "100", "50", "0");
    assertThat(none.violation(OrderSide.BUY, d("1"), d("200"), d("100")))
        .as("no PERCENT_PRICE filter")
        .isEmpty();
  }

  @Test
  void minNotional_atTheMinimumPasses_belowIsRefused() {
    assertThat(limit("0.05", "100", null)).as("0.05 x 100 = 5").isEmpty();
    assertThat(limit("0.049", "100", null)).contains("MIN_NOTIONAL: notional 4.9 below 5");
    assertThat(market(F, "0.05", "100")).as("market notional at the mark").isEmpty();
    assertThat(market(F, "0.04", "100")).contains("MIN_NOTIONAL: notional 4 below 5");
    assertThat(market(F, "0.01", null)).as("no mark: left to the venue").isEmpty();
  }

  @Test
  void aZeroIncrement_isNoStep() {
    SymbolFilters f =
        new SymbolFilters(
            "ETHUSDT", "TRADING", d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"),
            d("0"), d("0"), d("0"), d("0"));
    assertThat(f.violation(OrderSide.BUY, d("0.123456"), d("1.23456"), d("1"))).isEmpty();
  }

  @Test
  void toInstrument_takesTheScalesFromTickAndStep() {
    SymbolFilters f =
        new SymbolFilters(
            "ETHUSDT",
            "TRADING",
            d("0.010"),
            d("0"),
            d("0"),
            d("0.0010"),
            d("0"),
            d("0"),
            d("0.001"),
            d("0"),
            d("0"),
            d("20"),
            d("0"),
            d("0"));
    Instrument i = f.toInstrument();
    assertThat(i.id()).isEqualTo(InstrumentId.fromVenueSymbol("ETHUSDT"));
    assertThat(i.tickSize()).isEqualTo(Price.parse("0.01", 2));
    assertThat(i.stepSize()).isEqualTo(Quantity.parse("0.001", 3));
    assertThat(i.minNotional()).isEqualTo(Money.parse("20"));
    SymbolFilters whole =
        new SymbolFilters(
            "XRPUSDT", "TRADING", d("10"), d("0"), d("0"), d("1E+1"), d("0"), d("0"), d("1"),
            d("0"), d("0"), d("5"), d("0"), d("0"));
    assertThat(whole.toInstrument().tickSize()).isEqualTo(Price.parse("10", 0));
    assertThat(whole.toInstrument().stepSize()).isEqualTo(Quantity.parse("10", 0));
  }
}
