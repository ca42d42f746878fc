package io.perpetua.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A second account's engine (the order-flow kernel's) follows the platform engine's operator
 * controls: the operator's emergency stop and symbol switches bind it at its next order, and only
 * while they are in force; its own limits stay its own.
 */
class FollowOperatorControlsTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final Instrument BTC_I =
      new Instrument(BTC, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final Instrument ETH_I =
      new Instrument(ETH, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final long T0 = 1_700_042_400_000L;
  private int seq;

  private Order buy(InstrumentId id) {
    return new Order(
        ClientOrderId.of("f" + seq++),
        id,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse("1.00", 3),
        null,
        false,
        StrategyId.of("flow"),
        null,
        0);
  }

  private static String rule(Optional<PreTradeGuard.Rejection> r) {
    return r.map(PreTradeGuard.Rejection::rule).orElse("pass");
  }

  private static OrderContext ctx() {
    return Contexts.of(100, T0, T0, 1000, 0, 100, 0, 100);
  }

  @Test
  void platformStopAndSymbolSwitch_bindTheFollower_untilLifted() {
    RiskEngine platform = RiskEngine.unlimited();
    RiskEngine flow = RiskEngine.unlimited();
    flow.followOperatorControls(platform);
    assertThat(rule(flow.check(buy(BTC), BTC_I, ctx()))).isEqualTo("pass");
    assertThat(flow.emergencyStopped()).isFalse();

    platform.emergencyStop("runaway", "alice");
    assertThat(flow.emergencyStopped()).isTrue();
    String stopped = rule(flow.check(buy(BTC), BTC_I, ctx()));
    assertThat(stopped)
        .isNotEqualTo("pass")
        .isEqualTo(rule(platform.check(buy(BTC), BTC_I, ctx())));
    assertThat(rule(flow.operatorControls().check(buy(ETH), ETH_I, ctx()))).isEqualTo(stopped);

    platform.resume("fixed", "bob");
    assertThat(flow.emergencyStopped()).isFalse();
    assertThat(rule(flow.check(buy(BTC), BTC_I, ctx()))).isEqualTo("pass");

    platform.setSymbolEnabled(BTC, false, "delisting", "alice");
    assertThat(rule(flow.check(buy(BTC), BTC_I, ctx()))).isNotEqualTo("pass");
    assertThat(rule(flow.check(buy(ETH), ETH_I, ctx()))).isEqualTo("pass");
  }

  @Test
  void withoutFollowing_theOtherEnginesStopDoesNotBind_andAnEngineCannotFollowItself() {
    RiskEngine platform = RiskEngine.unlimited();
    RiskEngine flow = RiskEngine.unlimited();
    platform.emergencyStop("runaway", "alice");
    assertThat(rule(flow.check(buy(BTC), BTC_I, ctx()))).isEqualTo("pass");
    assertThat(flow.emergencyStopped()).isFalse();
    assertThatThrownBy(() -> flow.followOperatorControls(flow))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
