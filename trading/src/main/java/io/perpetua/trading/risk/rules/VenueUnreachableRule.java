package io.perpetua.trading.risk.rules;

import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import java.util.Optional;

/**
 * {@code venue_unreachable}: no order (reduce-only included) once the venue has not answered for
 * this long (0 = off). Check-only; the engine reports it as a halt reason. Immutable.
 */
public final class VenueUnreachableRule implements RiskRule {
  private final long afterMs;

  /** The rule blocking orders after {@code afterMs} of outage. */
  public VenueUnreachableRule(long afterMs) {
    this.afterMs = afterMs;
  }

  @Override
  public String name() {
    return "venue_unreachable";
  }

  @Override
  public boolean checksReduceOnly() {
    return true;
  }

  /** True when the venue has been down long enough at {@code now} to block orders. */
  public boolean down(RiskBook book, long now) {
    long since = book.venueDownSinceMs();
    return since != Long.MIN_VALUE && afterMs > 0 && now - since >= afterMs;
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (!down(book, ctx.nowMs())) {
      return Optional.empty();
    }
    return reject("venue unreachable for " + (ctx.nowMs() - book.venueDownSinceMs()) / 1000 + " s");
  }
}
