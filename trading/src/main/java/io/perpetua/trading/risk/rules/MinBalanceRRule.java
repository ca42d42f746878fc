package io.perpetua.trading.risk.rules;

import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RiskText;
import java.util.Optional;

/**
 * {@code min_balance_r}: no new risk while equity is below {@code min_balance_r × risk_unit}.
 * Check-only (no status row). Immutable.
 */
public final class MinBalanceRRule implements RiskRule {
  private final Money floor;

  /** The rule with {@code floor} USDT (null = off). */
  public MinBalanceRRule(Money floor) {
    this.floor = floor;
  }

  @Override
  public String name() {
    return "min_balance_r";
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (floor == null || ctx.equity().compareTo(floor) >= 0) {
      return Optional.empty();
    }
    return reject("equity " + RiskText.amount(ctx.equity()) + " below " + RiskText.amount(floor));
  }
}
