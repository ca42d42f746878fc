package io.perpetua.trading.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner at its boundaries (issue 20): reduce-only exactly when an order only reduces, a flip
 * is not reduce-only, the minimum notional and the no-trade band at, just below and just above
 * their limits, missing prices, sides, and what every order carries.
 */
class OrderPlannerEdgesTest {
  private static final StrategyId S = StrategyId.of("s");
  private static final RebalanceId RB = RebalanceId.of("rb-9");
  private final OrderPlanner planner = new OrderPlanner();

  private static Instrument inst(String base) {
    // tick 0.01, step 0.001, minimum notional 10
    return new Instrument(
        InstrumentId.usdtPerp(base), new Price(1, 2), new Quantity(1, 3), Money.parse("10"));
  }

  private static Quantity q(String text) {
    return Quantity.parse(text, 3);
  }

  private OrderPlanner.Plan plan(double equity, double band, OrderPlanner.Line... lines) {
    return planner.plan(S, RB, 42, equity, List.of(lines), band);
  }

  @Test
  void reduceOnly_forPartialReduceAndExactClose_notForAFlipOrAnAdd() {
    var p =
        plan(
            100,
            0,
            new OrderPlanner.Line(inst("AAA"), 0.5, 100, q("1.000")), // 1 -> 0.5: reduce
            new OrderPlanner.Line(inst("BBB"), 0.0, 100, q("-1.000")), // close a short
            new OrderPlanner.Line(inst("CCC"), -1.0, 100, q("1.000")), // 1 -> -1: flip
            new OrderPlanner.Line(inst("DDD"), 2.0, 100, q("1.000"))); // 1 -> 2: add
    assertThat(p.orders())
        .extracting(o -> o.instrument().base(), Order::side, Order::quantity, Order::reduceOnly)
        .containsExactly(
            tuple("AAA", OrderSide.SELL, q("0.500"), true),
            tuple("BBB", OrderSide.BUY, q("1.000"), true),
            tuple("CCC", OrderSide.SELL, q("2.000"), false),
            tuple("DDD", OrderSide.BUY, q("1.000"), false));
    assertThat(p.skipped()).isEmpty();
  }

  @Test
  void everyOrder_isAMarketOrderOfTheRebalance_withItsTimeAndStrategy() {
    Order o =
        plan(1_000, 0, new OrderPlanner.Line(inst("AAA"), -0.5, 100, q("0.000"))).orders().get(0);
    assertThat(o.type()).isEqualTo(OrderType.MARKET);
    assertThat(o.limitPrice()).isNull();
    assertThat(o.side()).isEqualTo(OrderSide.SELL);
    assertThat(o.quantity()).isEqualTo(q("5.000"));
    assertThat(o.rebalanceId()).isEqualTo(RB);
    assertThat(o.strategy()).isEqualTo(S);
    assertThat(o.createdAtMs()).isEqualTo(42);
  }

  @Test
  void minimumNotional_atTheMinimumIsSent_justBelowIsSkipped_closesAreExempt() {
    // target 1 x 20 / 100 = 0.2: from 0.1 that is 10 USDT (= minimum), from 0.101 it is 9.9
    var at = plan(20, 0, new OrderPlanner.Line(inst("AAA"), 1.0, 100, q("0.100")));
    assertThat(at.orders()).singleElement().satisfies(o -> assertThat(o.reduceOnly()).isFalse());
    var below = plan(20, 0, new OrderPlanner.Line(inst("AAA"), 1.0, 100, q("0.101")));
    assertThat(below.orders()).isEmpty();
    assertThat(below.skipped())
        .containsExactly(
            InstrumentId.usdtPerp("AAA").apiSymbol() + ": notional 9.9 below minimum 10");
    var close = plan(20, 0, new OrderPlanner.Line(inst("AAA"), 0, 100, q("0.010")));
    assertThat(close.orders()).singleElement().satisfies(o -> assertThat(o.reduceOnly()).isTrue());
  }

  @Test
  void noTradeBand_aChangeEqualToTheBandTrades_oneBelowDoesNot() {
    // 0.2 -> 0.5 at 100: 30 USDT
    var line = new OrderPlanner.Line(inst("AAA"), 0.5, 100, q("0.200"));
    assertThat(plan(100, 30.0, line).orders()).hasSize(1);
    assertThat(plan(100, 30.01, line).orders()).isEmpty();
    assertThat(plan(100, 30.01, line).skipped()).isEmpty();
    var close = new OrderPlanner.Line(inst("AAA"), 0, 100, q("0.200"));
    assertThat(plan(100, 1_000, close).orders()).hasSize(1);
  }

  @Test
  void noPrice_skipsWithAReasonOnlyWhenSomethingWasWanted() {
    var nothingWanted =
        plan(1_000, 0, new OrderPlanner.Line(inst("AAA"), 0.0, Double.NaN, q("0.000")));
    assertThat(nothingWanted.orders()).isEmpty();
    assertThat(nothingWanted.skipped()).isEmpty();
    String aaa = InstrumentId.usdtPerp("AAA").apiSymbol();
    assertThat(plan(1_000, 0, new OrderPlanner.Line(inst("AAA"), 0.1, 0.0, q("0.000"))).skipped())
        .containsExactly(aaa + ": no price");
    assertThat(plan(1_000, 0, new OrderPlanner.Line(inst("AAA"), 0.0, -1, q("1.000"))).skipped())
        .containsExactly(aaa + ": no price");
  }

  @Test
  void alreadyOnTarget_noOrder() {
    var p = plan(100, 0, new OrderPlanner.Line(inst("AAA"), 1.0, 100, q("1.000")));
    assertThat(p.orders()).isEmpty();
    assertThat(p.skipped()).isEmpty();
  }

  @Test
  void defaultPlan_hasNoBand() {
    var line = new OrderPlanner.Line(inst("AAA"), 0.011, 100, q("0.000"));
    assertThat(planner.plan(S, RB, 0, 1_000, List.of(line)).orders()).hasSize(1);
  }
}
