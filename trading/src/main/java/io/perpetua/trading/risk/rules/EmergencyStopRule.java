package io.perpetua.trading.risk.rules;

import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import java.util.Optional;

/**
 * {@code emergency_stop}: while an operator's stop is active no order passes, reduce-only included.
 * Reads the {@link OperatorControls} without a lock; the stop itself is reported in the risk status
 * (not as a rule row). Immutable.
 */
public final class EmergencyStopRule implements RiskRule {
  private final OperatorControls controls;

  /** The rule over {@code controls}. */
  public EmergencyStopRule(OperatorControls controls) {
    this.controls = controls;
  }

  @Override
  public String name() {
    return "emergency_stop";
  }

  @Override
  public boolean checksReduceOnly() {
    return true;
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    EmergencyStop stop = controls.emergency();
    if (stop == null || !stop.active()) {
      return Optional.empty();
    }
    return reject("emergency stop by " + stop.operator() + ": " + stop.reason());
  }
}
