package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.order.OrderSide;
import io.perpetua.core.testing.SharedData;
import io.perpetua.venue.binance.order.SymbolFilters;
import java.math.BigDecimal;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SymbolFiltersTest {
  private static SymbolFilters btc;

  @BeforeAll
  static void load() throws Exception {
    String json =
        Files.readString(
            SharedData.require("binance-api-fixtures/rest/futures_market_exchange_info.json"));
    btc = ExchangeInfo.fromJson(Json.parse(json)).filters("BTCUSDT").orElseThrow();
  }

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  @Test
  void validLimitOrder_passes() {
    assertThat(btc.violation(OrderSide.BUY, d("0.010"), d("50000.1"), d("50000"))).isEmpty();
  }

  @Test
  void priceOffTick_isRefused() {
    assertThat(btc.violation(OrderSide.BUY, d("0.010"), d("50000.15"), null))
        .get()
        .asString()
        .startsWith("PRICE_FILTER");
  }

  @Test
  void quantityOffStep_isRefused() {
    assertThat(btc.violation(OrderSide.BUY, d("0.0105"), d("50000"), null))
        .get()
        .asString()
        .startsWith("LOT_SIZE");
    assertThat(btc.violation(OrderSide.BUY, d("0.0105"), null, d("50000")))
        .get()
        .asString()
        .startsWith("MARKET_LOT_SIZE");
  }

  @Test
  void smallNotional_isRefused() {
    assertThat(btc.violation(OrderSide.SELL, d("0.001"), d("5000.0"), null))
        .get()
        .asString()
        .startsWith("MIN_NOTIONAL");
    assertThat(btc.violation(OrderSide.SELL, d("0.001"), null, d("5000")))
        .get()
        .asString()
        .startsWith("MIN_NOTIONAL");
  }

  @Test
  void priceFarFromMark_isRefusedByPercentPrice() {
    assertThat(btc.violation(OrderSide.BUY, d("0.010"), d("56000.0"), d("50000")))
        .get()
        .asString()
        .startsWith("PERCENT_PRICE");
    assertThat(btc.violation(OrderSide.BUY, d("0.010"), d("27000.0"), d("50000")))
        .get()
        .asString()
        .startsWith("PERCENT_PRICE");
  }
}
