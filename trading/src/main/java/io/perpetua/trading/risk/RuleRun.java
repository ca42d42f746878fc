package io.perpetua.trading.risk;

import io.perpetua.core.Instrument;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.rules.RiskBook;
import io.perpetua.trading.risk.rules.RiskRule;
import java.util.List;
import java.util.Optional;

/**
 * One pass of an order through a list of {@link RiskRule}s, optionally traced: each rule that ran
 * adds a {@link RuleReading} (its value and threshold for the order, and whether the order passed)
 * to the sink, so the kernel journals why an order went out or not. Reduce-only orders skip the
 * rules that do not check them. Stateless.
 */
final class RuleRun {
  private static final PreTradeGuard PRECISION = PreTradeGuard.precisionFilters();

  private RuleRun() {}

  /**
   * Runs {@code rules} in order on {@code order}; the first rejection ends the pass. Each rule that
   * ran is read into {@code sink} (null: not traced).
   */
  static Optional<Rejection> run(
      List<RiskRule> rules, Order order, OrderContext ctx, RiskBook book, List<RuleReading> sink) {
    for (RiskRule rule : rules) {
      if (!order.reduceOnly() || rule.checksReduceOnly()) {
        Optional<Rejection> r = rule.check(order, ctx, book);
        if (sink != null) {
          sink.add(
              RuleReading.of(
                  rule.name(), rule.measure(order, ctx, book).orElse(null), r.isEmpty()));
        }
        if (r.isPresent()) {
          return r;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The precision filters ({@link PreTradeGuard#precisionFilters}); a rejection is read into {@code
   * sink} (null: not traced) without a number.
   */
  static Optional<Rejection> precision(
      Order order, Instrument instrument, OrderContext ctx, List<RuleReading> sink) {
    Optional<Rejection> r = PRECISION.check(order, instrument, ctx);
    if (r.isPresent() && sink != null) {
      sink.add(new RuleReading(r.get().rule(), null, null, false));
    }
    return r;
  }
}
