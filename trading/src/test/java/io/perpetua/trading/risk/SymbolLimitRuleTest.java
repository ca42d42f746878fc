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
import io.perpetua.trading.risk.RuleStatus.Level;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code symbol_limit} rule: the smaller of max_leverage × equity and max_pos_value is the
 * ceiling (allowed itself, one unit above refused), only on the limited symbol and only for orders
 * that enlarge the position; its reading and status come from the same comparison; the limit is
 * persisted and restored when the engine reopens.
 */
class SymbolLimitRuleTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private static final Instrument BTC_I =
      new Instrument(BTC, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final Instrument ETH_I =
      new Instrument(ETH, new Price(1, 2), new Quantity(10, 3), Money.of(5.0));
  private static final long T0 = 1_772_495_700_000L;
  private int seq;

  private Order buy(InstrumentId id) {
    return new Order(
        ClientOrderId.of("c" + seq++),
        id,
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse("1", 3),
        null,
        false,
        StrategyId.of("t"),
        null,
        0);
  }

  /** Mark 100, equity 1000, position before 0, after {@code after} USDT. */
  private static OrderContext ctx(double after) {
    return Contexts.of(100, T0, T0, 1000, 0, after, 0, after);
  }

  private static SymbolLimit limit(String leverage, String value) {
    return new SymbolLimit(
        BTC,
        leverage == null ? null : Fraction.exact(new BigDecimal(leverage)),
        value == null ? null : Money.parse(value),
        "desk",
        "bob",
        T0);
  }

  @Test
  void ceilingIsTheSmallerLimit_allowedAtIt_refusedOneUnitAbove_onlyOnTheSymbol() {
    InMemoryRiskStore store = new InMemoryRiskStore();
    RiskEngine risk = RiskEngine.open(RiskConfig.unlimited(), store, () -> T0);
    assertThat(risk.check(buy(BTC), BTC_I, ctx(5000))).isEmpty();
    assertThat(risk.setSymbolLimit(BTC, limit("2", "1500"), "bob")).isNull();

    assertThat(risk.check(buy(BTC), BTC_I, ctx(1500))).isEmpty();
    Optional<PreTradeGuard.Rejection> r = risk.check(buy(BTC), BTC_I, ctx(1500.00000001));
    assertThat(r).map(PreTradeGuard.Rejection::rule).contains("symbol_limit");
    assertThat(r.get().reason()).contains("2.0000x").contains("1500.0000 USDT");
    assertThat(risk.check(buy(ETH), ETH_I, ctx(5000))).isEmpty();

    risk.setSymbolLimit(BTC, limit("1.2", "1500"), "bob"); // 1.2 × 1000 = 1200 < 1500
    assertThat(risk.check(buy(BTC), BTC_I, ctx(1200))).isEmpty();
    assertThat(risk.check(buy(BTC), BTC_I, ctx(1200.00000001))).isPresent();
    RuleReading reading =
        risk.checkTraced(buy(BTC), BTC_I, ctx(1300)).readings().stream()
            .filter(x -> x.rule().equals("symbol_limit"))
            .findFirst()
            .orElseThrow();
    assertThat(reading).isEqualTo(new RuleReading("symbol_limit", "1300", "1200", false));

    RiskEngine reopened = RiskEngine.open(RiskConfig.unlimited(), store, () -> T0);
    assertThat(reopened.symbolLimits()).containsExactly(limit("1.2", "1500"));
    assertThat(reopened.check(buy(BTC), BTC_I, ctx(1300))).isPresent();
    assertThat(reopened.setSymbolLimit(BTC, null, "bob")).isEqualTo(limit("1.2", "1500"));
    assertThat(reopened.check(buy(BTC), BTC_I, ctx(1300))).isEmpty();
  }

  @Test
  void reducingOrders_pass_andTheStatusRowAgreesWithTheCheck() {
    RiskEngine risk = RiskEngine.open(RiskConfig.unlimited(), new InMemoryRiskStore(), () -> T0);
    risk.setSymbolLimit(BTC, limit(null, "1000"), "bob");
    // from 3000 down to 2000: above the limit, but smaller: allowed
    assertThat(risk.check(buy(BTC), BTC_I, Contexts.of(100, T0, T0, 1000, 3000, 2000, 3000, 2000)))
        .isEmpty();
    risk.observe(new PortfolioReading(T0, 1000, 1000.00000001, 0, 1000.00000001, BTC.apiSymbol()));
    RuleStatus row =
        risk.status().rules().stream()
            .filter(s -> s.ruleName().equals("symbol_limit"))
            .findFirst()
            .orElseThrow();
    assertThat(row.level()).isEqualTo(Level.VIOLATED);
    risk.observe(new PortfolioReading(T0 + 1, 1000, 1000, 0, 1000, BTC.apiSymbol()));
    assertThat(
            risk.status().rules().stream()
                .filter(s -> s.ruleName().equals("symbol_limit"))
                .findFirst()
                .orElseThrow()
                .level())
        .isEqualTo(Level.WARNING);
  }

  @Test
  void aLimitNeedsOneBound_eachPositive() {
    assertThatThrownBy(() -> limit(null, null)).hasMessageContaining("max_leverage or");
    assertThatThrownBy(() -> limit("0", null)).hasMessageContaining("max_leverage");
    assertThatThrownBy(() -> limit(null, "-1")).hasMessageContaining("max_pos_value");
  }
}
