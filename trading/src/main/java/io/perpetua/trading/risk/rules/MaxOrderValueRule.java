package io.perpetua.trading.risk.rules;

import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RiskText;
import java.util.Optional;

/**
 * {@code max_order_value}: the notional of one risk-adding order may not exceed this amount (the
 * amount itself is allowed). Check-only (no status row). Immutable.
 */
public final class MaxOrderValueRule implements RiskRule {
  private final Money limit;

  /** The rule with {@code limit} USDT (null = off). */
  public MaxOrderValueRule(Money limit) {
    this.limit = limit;
  }

  @Override
  public String name() {
    return "max_order_value";
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    Money value = Money.notional(ctx.mark(), order.quantity());
    if (limit == null || value.compareTo(limit) <= 0) {
      return Optional.empty();
    }
    return reject("order value " + RiskText.amount(value) + " above " + RiskText.amount(limit));
  }

  @Override
  public Optional<io.perpetua.trading.risk.RuleReading.Measure> measure(
      Order order, OrderContext ctx, RiskBook book) {
    return Optional.of(
        io.perpetua.trading.risk.RuleReading.Measure.of(
            Money.notional(ctx.mark(), order.quantity()), limit));
  }
}
