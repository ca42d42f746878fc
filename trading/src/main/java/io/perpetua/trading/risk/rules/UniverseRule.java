package io.perpetua.trading.risk.rules;

import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import java.util.Optional;

/**
 * {@code symbol_not_approved}: no order that adds risk on a symbol that is neither in the
 * configured universe nor a hot coin a human approved (003 §10: nothing trades until approved).
 * Reduce-only orders pass (a position can always be closed). Reads the {@link OperatorControls}
 * without a lock. Immutable.
 */
public final class UniverseRule implements RiskRule {
  private final OperatorControls controls;

  /** The rule over {@code controls}. */
  public UniverseRule(OperatorControls controls) {
    this.controls = controls;
  }

  @Override
  public String name() {
    return "symbol_not_approved";
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    return controls.tradable(order.instrument())
        ? Optional.empty()
        : reject(
            order.instrument().apiSymbol()
                + " is neither in the configured universe nor an approved hot coin"
                + " (POST /api/v1/hotlist/approve)");
  }
}
