package io.perpetua.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import org.junit.jupiter.api.Test;

/** Orders, fills, positions and their enums: validation edges, signs and wire codes. */
class OrderModelTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final ClientOrderId ID = ClientOrderId.of("pp-1");
  private static final StrategyId STRAT = StrategyId.of("s");

  private static Order order(OrderSide side, OrderType type, Quantity qty, Price limit) {
    return new Order(ID, BTC, side, type, qty, limit, false, STRAT, null, 0);
  }

  private static Fill fill(Quantity qty, Price price) {
    return new Fill(
        TradeId.of("t1"), ID, BTC, OrderSide.BUY, qty, price, Money.ZERO, Liquidity.TAKER, 0);
  }

  @Test
  void order_quantityMustBePositive_smallestUnitIsEnough() {
    Quantity one = new Quantity(1, 3);
    assertThat(order(OrderSide.BUY, OrderType.MARKET, one, null).quantity()).isEqualTo(one);
    assertThatThrownBy(() -> order(OrderSide.BUY, OrderType.MARKET, Quantity.zero(3), null))
        .hasMessageContaining("order quantity must be positive");
    assertThatThrownBy(() -> order(OrderSide.BUY, OrderType.MARKET, new Quantity(-1, 3), null))
        .hasMessageContaining("order quantity must be positive");
    assertThatThrownBy(() -> order(OrderSide.BUY, OrderType.MARKET, null, null))
        .hasMessageContaining("order quantity must be positive");
  }

  @Test
  void order_limitPriceRules() {
    Quantity q = new Quantity(5, 1);
    Price p = new Price(1, 2);
    assertThat(order(OrderSide.SELL, OrderType.LIMIT, q, p).limitPrice()).isEqualTo(p);
    assertThatThrownBy(() -> order(OrderSide.SELL, OrderType.LIMIT, q, null))
        .hasMessageContaining("needs a positive limit price");
    assertThatThrownBy(() -> order(OrderSide.SELL, OrderType.LIMIT, q, new Price(0, 2)))
        .hasMessageContaining("needs a positive limit price");
    assertThatThrownBy(() -> order(OrderSide.SELL, OrderType.MARKET, q, p))
        .hasMessageContaining("a market order has no limit price");
  }

  @Test
  void order_signedQuantityFollowsSide() {
    Quantity q = new Quantity(5, 1);
    assertThat(order(OrderSide.BUY, OrderType.MARKET, q, null).signedQuantity()).isEqualTo(q);
    assertThat(order(OrderSide.SELL, OrderType.MARKET, q, null).signedQuantity())
        .isEqualTo(new Quantity(-5, 1));
  }

  @Test
  void fill_quantityAndPriceMustBePositive_andNotionalIsTheirProduct() {
    Fill f = fill(Quantity.parse("0.002", 3), Price.parse("50000.5", 1));
    assertThat(f.notional()).isEqualTo(Money.parse("100.001"));
    assertThat(fill(new Quantity(1, 3), new Price(1, 1)).quantity().raw()).isEqualTo(1);
    assertThatThrownBy(() -> fill(Quantity.zero(3), new Price(1, 1)))
        .hasMessageContaining("fill quantity must be positive");
    assertThatThrownBy(() -> fill(null, new Price(1, 1)))
        .hasMessageContaining("fill quantity must be positive");
    assertThatThrownBy(() -> fill(new Quantity(1, 3), new Price(0, 1)))
        .hasMessageContaining("fill price must be positive");
    assertThatThrownBy(() -> fill(new Quantity(1, 3), null))
        .hasMessageContaining("fill price must be positive");
  }

  @Test
  void position_flatHasNoCost_andPnlFollowsTheMark() {
    Money zero = Money.ZERO;
    assertThatThrownBy(() -> new Position(BTC, Quantity.zero(3), Money.parse("1"), zero))
        .hasMessageContaining("a flat position has no entry cost");
    Position flat = new Position(BTC, Quantity.zero(3), zero, Money.parse("7"));
    assertThat(flat.averageEntryPrice()).isZero();
    // long 2 at 100 -> cost 200; short 2 at 100 -> cost -200
    Position lng = new Position(BTC, Quantity.parse("2", 3), Money.parse("200"), zero);
    Position sht = new Position(BTC, Quantity.parse("-2", 3), Money.parse("-200"), zero);
    assertThat(lng.averageEntryPrice()).isEqualTo(100.0);
    assertThat(sht.averageEntryPrice()).isEqualTo(100.0);
    assertThat(lng.unrealizedPnl(110)).isCloseTo(20.0, within(1e-9));
    assertThat(sht.unrealizedPnl(110)).isCloseTo(-20.0, within(1e-9));
    assertThat(sht.unrealizedPnl(90)).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void sides_signsAndCodes() {
    assertThat(OrderSide.BUY.sign()).isEqualTo(1);
    assertThat(OrderSide.SELL.sign()).isEqualTo(-1);
    assertThat(OrderSide.parse("sell")).isEqualTo(OrderSide.SELL);
    assertThat(OrderSide.BUY.code()).isEqualTo("buy");
    assertThat(OrderType.parse("limit")).isEqualTo(OrderType.LIMIT);
    assertThat(OrderType.MARKET.code()).isEqualTo("market");
    assertThat(OrderType.LIMIT.code()).isEqualTo("limit");
    assertThat(Liquidity.MAKER.code()).isEqualTo("maker");
    assertThat(Liquidity.TAKER.code()).isEqualTo("taker");
    assertThat(PositionSide.LONG.code()).isEqualTo("long");
    assertThat(PositionSide.SHORT.code()).isEqualTo("short");
    assertThat(PositionSide.parse("short")).isEqualTo(PositionSide.SHORT);
  }

  @Test
  void positionSide_ofSignedValue() {
    assertThat(PositionSide.of(1e-12)).isEqualTo(PositionSide.LONG);
    assertThat(PositionSide.of(-1e-12)).isEqualTo(PositionSide.SHORT);
    assertThatThrownBy(() -> PositionSide.of(0.0)).hasMessageContaining("zero has no side");
    assertThatThrownBy(() -> PositionSide.of(-0.0)).hasMessageContaining("zero has no side");
  }

  @Test
  void orderStatus_terminalStatesAndCodes() {
    assertThat(OrderStatus.PENDING.isTerminal()).isFalse();
    assertThat(OrderStatus.OPEN.isTerminal()).isFalse();
    assertThat(OrderStatus.PARTIALLY_FILLED.isTerminal()).isFalse();
    assertThat(OrderStatus.FILLED.isTerminal()).isTrue();
    assertThat(OrderStatus.CANCELLED.isTerminal()).isTrue();
    assertThat(OrderStatus.REJECTED.isTerminal()).isTrue();
    assertThat(OrderStatus.EXPIRED.isTerminal()).isTrue();
    assertThat(OrderStatus.PARTIALLY_FILLED.code()).isEqualTo("partially_filled");
    assertThat(OrderStatus.parse("Expired")).isEqualTo(OrderStatus.EXPIRED);
  }
}
