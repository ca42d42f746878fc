package io.perpetua.trading.risk.rules;

import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RuleStatus;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.Optional;

/**
 * One risk rule: its pre-trade check and its status come from the same comparison (a rule's {@link
 * #level} is what {@link #check} enforces), so the API's status and the orders it lets through
 * cannot disagree. All arithmetic is fixed point ({@code Money}, {@code Price}, {@code Quantity},
 * {@link io.perpetua.trading.risk.Fraction}).
 *
 * <p>Implementations are small, immutable apart from the {@link RiskBook} they are handed, and are
 * called under the risk engine's monitor (operator rules read volatile state without it).
 */
public interface RiskRule {
  /** The rule id on the wire: in rejections, statuses, alerts and events. */
  String name();

  /** True when reduce-only orders are checked too (stale data, venue down); others skip them. */
  default boolean checksReduceOnly() {
    return false;
  }

  /** The pre-trade check of {@code order} in {@code context}; empty when it may proceed. */
  Optional<Rejection> check(Order order, OrderContext context, RiskBook book);

  /**
   * The rule's value and threshold for {@code order}, from the amounts {@link #check} compares
   * (journaled with the order's decision); empty for rules without a number.
   */
  default Optional<io.perpetua.trading.risk.RuleReading.Measure> measure(
      Order order, OrderContext context, RiskBook book) {
    return Optional.empty();
  }

  /** The rule's level at the book's latest reading (ok before one, and for check-only rules). */
  default Level level(RiskBook book) {
    return Level.OK;
  }

  /**
   * The rule's row in the risk status, or empty for check-only rules; its level is {@link #level}.
   */
  default Optional<RuleStatus> status(RiskBook book) {
    return Optional.empty();
  }

  /** A rejection by this rule. */
  default Optional<Rejection> reject(String reason) {
    return Optional.of(new Rejection(name(), reason));
  }
}
