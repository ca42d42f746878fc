package io.perpetua.trading.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.OrderSide;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderPlannerTest {
  private static final Instrument BTC =
      new Instrument(
          InstrumentId.usdtPerp("BTC"), new Price(1, 1), new Quantity(1, 3), Money.parse("5"));
  private static final Instrument DOGE =
      new Instrument(
          InstrumentId.usdtPerp("DOGE"), new Price(1, 5), new Quantity(1, 0), Money.parse("5"));

  private final OrderPlanner planner = new OrderPlanner();

  @Test
  void plan_roundsTowardZeroToStep_reducingFirst_skipsBelowMinNotional() {
    var plan =
        planner.plan(
            StrategyId.of("s"),
            RebalanceId.of("rb-1"),
            0,
            10_000,
            List.of(
                new OrderPlanner.Line(DOGE, 0.0002, 0.1, Quantity.zero(0)), // 2 USDT: below min
                new OrderPlanner.Line(BTC, 0.5, 60_000, Quantity.zero(3)), // 0.08333 -> 0.083
                new OrderPlanner.Line(instrument("ETH"), 0, 3000, Quantity.parse("1.000", 3))));
    assertThat(plan.orders()).hasSize(2);
    assertThat(plan.orders().get(0).instrument().base()).isEqualTo("ETH");
    assertThat(plan.orders().get(0).reduceOnly()).isTrue();
    assertThat(plan.orders().get(0).side()).isEqualTo(OrderSide.SELL);
    assertThat(plan.orders().get(1).quantity()).isEqualTo(Quantity.parse("0.083", 3));
    assertThat(plan.skipped())
        .singleElement()
        .asString()
        .contains("DOGE")
        .contains("below minimum");
  }

  @Test
  void plan_sameRebalance_sameClientOrderIds() {
    var lines = List.of(new OrderPlanner.Line(BTC, -0.5, 60_000, Quantity.zero(3)));
    var a = planner.plan(StrategyId.of("s"), RebalanceId.of("rb-1"), 0, 10_000, lines);
    var b = planner.plan(StrategyId.of("s"), RebalanceId.of("rb-1"), 5, 10_000, lines);
    var c = planner.plan(StrategyId.of("s"), RebalanceId.of("rb-2"), 5, 10_000, lines);
    assertThat(a.orders().get(0).clientOrderId()).isEqualTo(b.orders().get(0).clientOrderId());
    assertThat(c.orders().get(0).clientOrderId()).isNotEqualTo(a.orders().get(0).clientOrderId());
  }

  private static Instrument instrument(String base) {
    return new Instrument(
        InstrumentId.usdtPerp(base), new Price(1, 2), new Quantity(1, 3), Money.parse("5"));
  }

  @Test
  void plan_noTradeBand_skipsSmallChangesButNotCloses() {
    var lines =
        List.of(
            new OrderPlanner.Line(
                BTC, 0.11, 60_000, Quantity.parse("0.016", 3)), // to 0.018 BTC: +120 USDT
            new OrderPlanner.Line(
                instrument("ETH"), 0, 3_000, Quantity.parse("0.010", 3))); // close 30 USDT
    var banded = planner.plan(StrategyId.of("s"), RebalanceId.of("rb-1"), 0, 10_000, lines, 150.0);
    assertThat(banded.orders())
        .singleElement()
        .satisfies(o -> assertThat(o.instrument().base()).isEqualTo("ETH"));
    var unbanded = planner.plan(StrategyId.of("s"), RebalanceId.of("rb-1"), 0, 10_000, lines, 0.0);
    assertThat(unbanded.orders()).hasSize(2);
  }
}
