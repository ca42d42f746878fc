package io.perpetua.venue.binance.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request built from a platform order, its validation and its wire parameters. */
class NewOrderRequestEdgesTest {
  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private static NewOrderRequest req(String side, String type, String tif, String qty, String px) {
    return new NewOrderRequest(
        "BTCUSDT",
        side,
        type,
        tif,
        qty == null ? null : d(qty),
        px == null ? null : d(px),
        false,
        "c1");
  }

  private static Order order(OrderSide side, OrderType type, String price, boolean reduceOnly) {
    return new Order(
        new ClientOrderId("cid-7"),
        InstrumentId.fromVenueSymbol("ETHUSDT"),
        side,
        type,
        Quantity.parse("1.250", 3),
        price == null ? null : Price.parse(price, 2),
        reduceOnly,
        new StrategyId("s1"),
        null,
        1L);
  }

  @Test
  void aLimitOrder_restsGtc_orGtxWhenPostOnly() {
    NewOrderRequest gtc =
        NewOrderRequest.of(order(OrderSide.BUY, OrderType.LIMIT, "2500.50", false), false);
    assertThat(gtc)
        .isEqualTo(
            new NewOrderRequest(
                "ETHUSDT", "BUY", "LIMIT", "GTC", d("1.250"), d("2500.50"), false, "cid-7"));
    assertThat(gtc.postOnly()).isFalse();
    NewOrderRequest gtx =
        NewOrderRequest.of(order(OrderSide.SELL, OrderType.LIMIT, "2500.50", true), true);
    assertThat(gtx.side()).isEqualTo("SELL");
    assertThat(gtx.timeInForce()).isEqualTo("GTX");
    assertThat(gtx.reduceOnly()).isTrue();
    assertThat(gtx.postOnly()).isTrue();
  }

  @Test
  void aMarketOrder_hasNoPriceAndNoTimeInForce_evenWithPostOnlyLimits() {
    NewOrderRequest m =
        NewOrderRequest.of(order(OrderSide.SELL, OrderType.MARKET, null, true), true);
    assertThat(m)
        .isEqualTo(
            new NewOrderRequest(
                "ETHUSDT", "SELL", "MARKET", null, d("1.250"), null, true, "cid-7"));
    assertThat(m.postOnly()).isFalse();
  }

  @Test
  void params_inBinanceOrder_withTrailingZerosStripped() {
    NewOrderRequest limit =
        new NewOrderRequest("BTCUSDT", "BUY", "LIMIT", "GTX", d("1.500"), d("1E+2"), true, "c9");
    assertThat(limit.params())
        .containsExactlyEntriesOf(
            linked(
                "symbol",
                "BTCUSDT",
                "side",
                "BUY",
                "type",
                "LIMIT",
                "timeInForce",
                "GTX",
                "quantity",
                "1.5",
                "price",
                "100",
                "reduceOnly",
                "true",
                "newClientOrderId",
                "c9",
                "newOrderRespType",
                "RESULT"));
    NewOrderRequest market = req("SELL", "MARKET", null, "0.010", null);
    assertThat(market.params())
        .containsExactlyEntriesOf(
            linked(
                "symbol",
                "BTCUSDT",
                "side",
                "SELL",
                "type",
                "MARKET",
                "quantity",
                "0.01",
                "newClientOrderId",
                "c1",
                "newOrderRespType",
                "RESULT"));
  }

  private static Map<String, String> linked(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void validation_refusesEveryInconsistentCombination() {
    assertThat(req("BUY", "LIMIT", "GTC", "1", "10").price()).isEqualByComparingTo("10");
    assertThatThrownBy(
            () -> new NewOrderRequest(null, "BUY", "MARKET", null, d("1"), null, false, "c"))
        .hasMessage("symbol");
    assertThatThrownBy(
            () -> new NewOrderRequest("BTCUSDT", "BUY", "MARKET", null, d("1"), null, false, null))
        .hasMessage("clientOrderId");
    String needsPrice = "a LIMIT order needs a price and a time in force";
    String noPrice = "a MARKET order has no price or time in force";
    for (Object[] c :
        List.of(
            new Object[] {"HOLD", "MARKET", null, "1", null, "side must be BUY or SELL"},
            new Object[] {null, "MARKET", null, "1", null, "side must be BUY or SELL"},
            new Object[] {"BUY", "LIMIT", "GTC", "1", null, needsPrice},
            new Object[] {"BUY", "LIMIT", "GTC", "1", "0", needsPrice},
            new Object[] {"BUY", "LIMIT", "GTC", "1", "-1", needsPrice},
            new Object[] {"BUY", "LIMIT", null, "1", "10", needsPrice},
            new Object[] {"SELL", "MARKET", null, "1", "10", noPrice},
            new Object[] {"SELL", "MARKET", "IOC", "1", null, noPrice},
            new Object[] {"SELL", "STOP", null, "1", null, "type must be MARKET or LIMIT"},
            new Object[] {"SELL", "MARKET", null, null, null, "quantity must be positive"},
            new Object[] {"SELL", "MARKET", null, "0", null, "quantity must be positive"},
            new Object[] {"SELL", "LIMIT", "GTC", "-0.1", "10", "quantity must be positive"})) {
      assertThatThrownBy(
              () -> req((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4]))
          .as("%s %s %s %s %s", c[0], c[1], c[2], c[3], c[4])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage((String) c[5]);
    }
    assertThat(req("BUY", "LIMIT", "GTC", "0.001", "0.1").quantity()).isEqualByComparingTo("0.001");
  }
}
