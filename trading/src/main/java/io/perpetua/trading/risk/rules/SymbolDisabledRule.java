package io.perpetua.trading.risk.rules;

import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import java.util.Optional;

/**
 * {@code symbol_disabled}: no order on a symbol an operator disabled, reduce-only included. Reads
 * the {@link OperatorControls} without a lock; the symbols are listed in the risk status.
 * Immutable.
 */
public final class SymbolDisabledRule implements RiskRule {
  private final OperatorControls controls;

  /** The rule over {@code controls}. */
  public SymbolDisabledRule(OperatorControls controls) {
    this.controls = controls;
  }

  @Override
  public String name() {
    return "symbol_disabled";
  }

  @Override
  public boolean checksReduceOnly() {
    return true;
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    return controls
        .disabled(order.instrument())
        .flatMap(
            c ->
                reject(
                    order.instrument().apiSymbol()
                        + " disabled by "
                        + c.operator()
                        + ": "
                        + c.reason()));
  }
}
