package io.perpetua.trading.risk;

import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import java.util.Optional;

/**
 * The check every order passes before it reaches a venue, in every mode. A rejection names the rule
 * that failed. Implementations are called on the kernel thread.
 */
public interface PreTradeGuard {
  /** A failed check. */
  record Rejection(String rule, String reason) {}

  /** Checks {@code order} for {@code instrument} in {@code context}; empty when it may proceed. */
  Optional<Rejection> check(Order order, Instrument instrument, OrderContext context);

  /**
   * The always-on precision checks: quantity a multiple of the step size, notional at least the
   * minimum (unless reduce-only), a known positive reference price.
   */
  static PreTradeGuard precisionFilters() {
    return (order, instrument, context) -> {
      if (order.quantity().raw() % instrument.stepSize().raw() != 0) {
        return Optional.of(
            new Rejection(
                "step_size",
                "quantity " + order.quantity() + " is not a multiple of " + instrument.stepSize()));
      }
      if (!context.hasMark()) {
        return Optional.of(
            new Rejection("no_price", "no reference price for " + order.instrument()));
      }
      Money notional = Money.notional(context.mark(), order.quantity());
      if (!order.reduceOnly() && notional.compareTo(instrument.minNotional()) < 0) {
        return Optional.of(
            new Rejection(
                "min_notional", "notional " + notional + " below " + instrument.minNotional()));
      }
      return Optional.empty();
    };
  }

  /** This check, then {@code next}. */
  default PreTradeGuard andThen(PreTradeGuard next) {
    return (order, instrument, context) -> {
      Optional<Rejection> r = check(order, instrument, context);
      return r.isPresent() ? r : next.check(order, instrument, context);
    };
  }
}
