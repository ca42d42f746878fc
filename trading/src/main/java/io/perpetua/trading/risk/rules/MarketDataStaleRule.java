package io.perpetua.trading.risk.rules;

import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import java.util.Optional;

/**
 * {@code market_data_stale}: no order (reduce-only included) on a price older than the book's limit
 * ({@link RiskBook#staleAfterMs()}, 0 = off). Check-only. Stateless.
 */
public final class MarketDataStaleRule implements RiskRule {
  @Override
  public String name() {
    return "market_data_stale";
  }

  @Override
  public boolean checksReduceOnly() {
    return true;
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    long age = ctx.nowMs() - ctx.markTimeMs();
    long limit = book.staleAfterMs();
    if (limit <= 0 || age <= limit) {
      return Optional.empty();
    }
    return reject(
        "last price of "
            + order.instrument().apiSymbol()
            + " is "
            + age / 1000
            + " s old (limit "
            + limit / 1000
            + " s)");
  }
}
